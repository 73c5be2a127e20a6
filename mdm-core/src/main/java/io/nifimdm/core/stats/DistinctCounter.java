package io.nifimdm.core.stats;

/**
 * Distinct values of one column: counted exactly in a {@link LongCountMap} (which also keeps
 * per-value counts for top values) until the map holds more than the exact limit, then estimated
 * by a {@link HyperLogLog} seeded with every key seen so far. Not thread-safe.
 */
final class DistinctCounter {

    private final int exactLimit;
    private final int precision;
    private final boolean textKeys;
    private LongCountMap exact;
    private HyperLogLog sketch;

    /**
     * @param textKeys whether keys are string hashes; their maps then keep one string per key so
     *        that top values can name the value
     */
    DistinctCounter(StatisticsOptions options, boolean textKeys) {
        this.exactLimit = options.distinctExactLimit();
        this.precision = options.hllPrecision();
        this.textKeys = textKeys;
        this.exact = new LongCountMap(textKeys, textKeys);
    }

    /**
     * Counts one value.
     *
     * @param key identity of the value (equal values, equal keys)
     * @param spreadKey the key for text keys, else {@link Hashing#mix} of it (the caller computes it once
     *        and uses it for the row hash too)
     * @param representative the value, kept by text maps
     * @return the exact map at the moment it is given up for the sketch (so the caller can carry its
     *         counts elsewhere), otherwise null
     */
    LongCountMap add(long key, long spreadKey, Object representative) {
        if (exact == null) {
            sketch.add(spreadKey);
            return null;
        }
        exact.add(key, spreadKey, 1, representative);
        return exact.size() > exactLimit ? spill() : null;
    }

    private long spread(long key) {
        return textKeys ? key : Hashing.mix(key);
    }

    /** The exact counts, or null once the column went past the exact limit. */
    LongCountMap exactCounts() {
        return exact;
    }

    boolean isExact() {
        return exact != null;
    }

    long count() {
        return exact != null ? exact.size() : Math.round(sketch.estimate());
    }

    /**
     * Adds another counter's values. Returns the exact map of this counter if the merge made it
     * give the map up, as {@link #add} does.
     */
    LongCountMap merge(DistinctCounter other) {
        if (other.exact != null && exact != null) {
            other.exact.forEach((key, count, representative) -> exact.add(key, count, representative));
            return exact.size() > exactLimit ? spill() : null;
        }
        LongCountMap spilled = exact != null ? spill() : null;
        if (other.exact != null) {
            other.exact.forEach((key, count, representative) -> sketch.add(spread(key)));
        } else {
            sketch.merge(other.sketch);
        }
        return spilled;
    }

    private LongCountMap spill() {
        LongCountMap spilled = exact;
        HyperLogLog seeded = new HyperLogLog(precision);
        spilled.forEach((key, count, representative) -> seeded.add(spread(key)));
        sketch = seeded;
        exact = null;
        return spilled;
    }
}
