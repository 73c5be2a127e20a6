package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;

/** BOOLEAN columns: two counters. */
final class BooleanColumnAccumulator extends ColumnAccumulator {

    private static final long TRUE_HASH = Hashing.valueHash(1);
    private static final long FALSE_HASH = Hashing.valueHash(0);

    private long trueCount;
    private long falseCount;

    BooleanColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        super(column, options);
    }

    @Override
    void addBatch(Object[] values, int count, long[] rowHashes, boolean[] rowMissing) {
        for (int i = 0; i < count; i++) {
            long valueHash = add(values[i]);
            if (valueHash == MISSING) {
                rowMissing[i] = true;
            }
            rowHashes[i] = Hashing.combine(rowHashes[i], valueHash);
        }
    }

    /** Returns the value's non-zero hash, or {@link #MISSING}. */
    private long add(Object value) {
        if (value == null) {
            nullCount++;
            return MISSING;
        }
        if ((Boolean) value) {
            trueCount++;
            return TRUE_HASH;
        }
        falseCount++;
        return FALSE_HASH;
    }

    @Override
    void merge(ColumnAccumulator other) {
        BooleanColumnAccumulator that = (BooleanColumnAccumulator) other;
        nullCount += that.nullCount;
        trueCount += that.trueCount;
        falseCount += that.falseCount;
    }

    @Override
    ColumnStatistics finish(long rowCount) {
        long distinct = (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
        BooleanStatistics booleans = trueCount + falseCount > 0 ? new BooleanStatistics(trueCount, falseCount) : null;
        return statistics(rowCount, distinct, false, null, null, booleans, null);
    }
}
