package io.nifimdm.core.stats;

/**
 * Where the accumulator stops being exact, and how precise its sketches are afterwards. Memory is
 * bounded by these numbers, not by the row count: per column at most {@code distinctExactLimit}
 * keys (about 16 bytes each, plus the strings of a text column), {@code quantileExactLimit}
 * doubles, one HLL of {@code 2^hllLgK} bytes, one KLL and one frequent-items map; per table at most
 * about {@code 11 * duplicateExactLimit} bytes of row hashes and one HLL.
 *
 * @param distinctExactLimit distinct values per column counted exactly; past it: an HLL sketch
 * @param quantileExactLimit non-null values per numeric column kept for exact quartiles; past it: a KLL sketch
 * @param duplicateExactLimit distinct row hashes kept for exact duplicate rows; past it: an HLL of row hashes
 * @param topValueCount how many most frequent values a column reports
 * @param hllLgK log2 of the HLL register count per column (relative standard error 1.04 / sqrt(2^lgK))
 * @param rowHllLgK log2 of the HLL register count of the row-hash sketch
 * @param kllK KLL accuracy parameter (normalized rank error about 2.3 / k^0.97)
 * @param frequentItemsMapSize map size of the frequent-items sketch (power of two; error about 3.5 * n / size)
 */
public record StatisticsOptions(
        int distinctExactLimit,
        int quantileExactLimit,
        int duplicateExactLimit,
        int topValueCount,
        int hllLgK,
        int rowHllLgK,
        int kllK,
        int frequentItemsMapSize) {

    /**
     * Exact distinct counts to 10,000 values, exact quartiles to 100,000 values (MDM profiles whole
     * tables up to that size), exact duplicate rows to 1,500,000 distinct rows (16 MB of hashes).
     * Sketches: HLL lgK 14 per column (relative standard error 0.81%), lgK 18 for rows (0.20%),
     * KLL k 400 (normalized rank error about 0.7%), frequent items over 4,096 counters.
     */
    public static StatisticsOptions defaults() {
        return new StatisticsOptions(10_000, 100_000, 1_500_000, 10, 14, 18, 400, 4096);
    }

    public StatisticsOptions {
        requireAtLeast("distinctExactLimit", distinctExactLimit, 1);
        requireAtLeast("quantileExactLimit", quantileExactLimit, 1);
        requireAtLeast("duplicateExactLimit", duplicateExactLimit, 1);
        requireAtLeast("topValueCount", topValueCount, 1);
        if (hllLgK < 4 || hllLgK > 21 || rowHllLgK < 4 || rowHllLgK > 21) {
            throw new IllegalArgumentException("HLL lgK must be within 4..21");
        }
        if (kllK < 8 || kllK > 65535) {
            throw new IllegalArgumentException("kllK must be within 8..65535, was " + kllK);
        }
        if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException("frequentItemsMapSize must be a power of two >= 8, was " + frequentItemsMapSize);
        }
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }
}
