package io.nifimdm.core.stats;

/**
 * Where the accumulator stops being exact, and how precise its sketches are afterwards. Memory is
 * bounded by these numbers, not by the row count: per column at most {@code distinctExactLimit}
 * keys (about 32 bytes each, plus the strings of a text column), {@code quantileExactLimit}
 * doubles, one HLL of {@code 2^hllPrecision} bytes and a frequent-items map of
 * {@code frequentItemsCapacity} strings; per table at most about {@code 11 * duplicateExactLimit}
 * bytes of row hashes and one HLL of {@code 2^rowHllPrecision} bytes.
 *
 * @param distinctExactLimit distinct values per column counted exactly; past it: an HLL sketch
 * @param quantileExactLimit non-null values per numeric column kept for exact quartiles; past it: a
 *        reservoir sample of this many values (rank error sqrt(ln(200) / (2 * limit)) at 99% confidence)
 * @param duplicateExactLimit distinct row hashes kept for exact duplicate rows; past it: an HLL of row hashes
 * @param topValueCount how many most frequent values a column reports
 * @param hllPrecision log2 of the HLL register count per column (relative standard error 1.04 / sqrt(2^p))
 * @param rowHllPrecision log2 of the HLL register count of the row-hash sketch
 * @param frequentItemsCapacity strings tracked by the frequent-items summary (error below 2 * n / capacity)
 */
public record StatisticsOptions(
        int distinctExactLimit,
        int quantileExactLimit,
        int duplicateExactLimit,
        int topValueCount,
        int hllPrecision,
        int rowHllPrecision,
        int frequentItemsCapacity) {

    /**
     * Exact distinct counts to 10,000 values, exact quartiles to 100,000 values (MDM profiles whole
     * tables up to that size), exact duplicate rows to 1,500,000 distinct rows (16 MB of hashes).
     * Sketches: HLL precision 14 per column (relative standard error 0.81%), 18 for rows (0.20%),
     * reservoir of 100,000 values (rank error 0.51% at 99%), frequent items over 4,096 counters.
     */
    public static StatisticsOptions defaults() {
        return new StatisticsOptions(10_000, 100_000, 1_500_000, 10, 14, 18, 4096);
    }

    public StatisticsOptions {
        requireAtLeast("distinctExactLimit", distinctExactLimit, 1);
        requireAtLeast("quantileExactLimit", quantileExactLimit, 1);
        requireAtLeast("duplicateExactLimit", duplicateExactLimit, 1);
        requireAtLeast("topValueCount", topValueCount, 1);
        if (hllPrecision < 4 || hllPrecision > 24 || rowHllPrecision < 4 || rowHllPrecision > 24) {
            throw new IllegalArgumentException("HLL precision must be within 4..24");
        }
        requireAtLeast("frequentItemsCapacity", frequentItemsCapacity, 8);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }
}
