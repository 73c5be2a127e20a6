package io.nifimdm.core.features;

/**
 * A {@link RankTable} with a uniform bucket index over its value range, so a lookup scans a few entries instead of
 * searching the whole table; the result is exactly {@link RankTable#percentile}'s.
 */
final class RankLookup {

    /** Buckets per table value: a bucket then holds a value or two even where a skewed column's values crowd. */
    private static final int BUCKETS_PER_VALUE = 8;
    private static final int MIN_BUCKETS = 4_096;
    /** Bounds the index to 1 MiB per column whatever the table's size. */
    private static final int MAX_BUCKETS = 1 << 18;

    private final RankTable table;
    private final double[] values;
    private final double low;
    private final double scale;
    private final int buckets;
    private final int[] firstIndex;

    RankLookup(RankTable table) {
        this.table = table;
        this.values = table.values();
        int length = values.length;
        double span = length == 0 ? 0 : values[length - 1] - values[0];
        buckets = (int) Math.min(MAX_BUCKETS, Math.max(MIN_BUCKETS, (long) BUCKETS_PER_VALUE * length));
        if (length < 64 || !(span > 0) || Double.isInfinite(span)) {
            low = 0;
            scale = 0;
            firstIndex = null;
            return;
        }
        low = values[0];
        scale = buckets / span;
        firstIndex = new int[buckets + 2];
        int index = 0;
        for (int bucket = 0; bucket <= buckets + 1; bucket++) {
            double bucketStart = low + bucket / scale;
            while (index < length && values[index] < bucketStart) {
                index++;
            }
            firstIndex[bucket] = index;
        }
    }

    double percentile(double v) {
        // zero goes the full way: Arrays.binarySearch orders -0.0 below 0.0, which the scan's comparisons do not
        if (firstIndex == null || !(v >= low) || v > values[values.length - 1] || v == 0) {
            return table.percentile(v);
        }
        int bucket = (int) ((v - low) * scale);
        int from = Math.max(0, firstIndex[Math.min(bucket, buckets + 1)] - 1);
        int to = Math.min(values.length, firstIndex[Math.min(bucket + 1, buckets + 1)] + 1);
        // a bucket holds a value or two: a scan beats a binary search's unpredictable branches
        int insertion = from;
        while (insertion < to && values[insertion] < v) {
            insertion++;
        }
        if (insertion < to && values[insertion] == v) {
            return table.percentileAt(insertion, v);
        }
        boolean placed = (insertion == 0 || values[insertion - 1] < v)
                && (insertion == values.length || values[insertion] > v);
        if (!placed) {
            // rounding put v at a bucket edge: fall back to the full search
            return table.percentile(v);
        }
        return table.percentileAt(-insertion - 1, v);
    }
}
