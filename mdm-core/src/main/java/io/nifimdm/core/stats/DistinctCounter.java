package io.nifimdm.core.stats;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Distinct values of one column: counted exactly in a {@link LongCountMap} (which also keeps
 * per-value counts for top values) until the map holds more than the exact limit, then estimated
 * by an HLL sketch seeded with every key seen so far. Not thread-safe.
 */
final class DistinctCounter {

    private final int exactLimit;
    private final int lgK;
    private LongCountMap exact;
    private HllSketch sketch;

    /**
     * @param textKeys whether keys are string hashes; their maps then keep one string per key so
     *        that top values can name the value
     */
    DistinctCounter(StatisticsOptions options, boolean textKeys) {
        this.exactLimit = options.distinctExactLimit();
        this.lgK = options.hllLgK();
        this.exact = new LongCountMap(textKeys, textKeys);
    }

    /**
     * Counts one value.
     *
     * @param key identity of the value (equal values, equal keys)
     * @param representative the value, kept by text maps
     * @return the exact map at the moment it is given up for the sketch (so the caller can carry its
     *         counts elsewhere), otherwise null
     */
    LongCountMap add(long key, Object representative) {
        if (exact == null) {
            sketch.update(key);
            return null;
        }
        exact.add(key, 1, representative);
        return exact.size() > exactLimit ? spill() : null;
    }

    /** The exact counts, or null once the column went past the exact limit. */
    LongCountMap exactCounts() {
        return exact;
    }

    boolean isExact() {
        return exact != null;
    }

    long count() {
        return exact != null ? exact.size() : Math.round(sketch.getEstimate());
    }

    /**
     * Adds another counter's values. Returns the exact map of this counter if the merge made it
     * give the map up, as {@link #add} does.
     */
    LongCountMap merge(DistinctCounter other) {
        if (other.exact != null && exact != null) {
            other.exact.forEach((key, count, representative) ->
                    exact.add(key, count, representative));
            return exact.size() > exactLimit ? spill() : null;
        }
        LongCountMap spilled = exact != null ? spill() : null;
        if (other.exact != null) {
            other.exact.forEach((key, count, representative) -> sketch.update(key));
        } else {
            Union union = new Union(lgK);
            union.update(sketch);
            union.update(other.sketch);
            sketch = union.getResult(TgtHllType.HLL_8);
        }
        return spilled;
    }

    private LongCountMap spill() {
        LongCountMap spilled = exact;
        HllSketch seeded = new HllSketch(lgK, TgtHllType.HLL_8);
        spilled.forEach((key, count, representative) -> seeded.update(key));
        sketch = seeded;
        exact = null;
        return spilled;
    }
}
