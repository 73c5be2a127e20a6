package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

/**
 * One column's share of the streaming pass. Each storage type has its own subclass, so the
 * per-value work is a type test away from the cheapest possible update. Not thread-safe.
 */
abstract sealed class ColumnAccumulator
        permits NumericColumnAccumulator, TemporalColumnAccumulator, BooleanColumnAccumulator, TextColumnAccumulator {

    /** What {@link #add} returns for a missing value; value hashes are never zero. */
    static final long MISSING = 0L;

    final ColumnDef column;
    final StatisticsOptions options;
    long nullCount;

    ColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        this.column = column;
        this.options = options;
    }

    static ColumnAccumulator of(ColumnDef column, StatisticsOptions options) {
        ColumnType type = column.type();
        return switch (type) {
            case INTEGER, DECIMAL -> new NumericColumnAccumulator(column, options);
            case DATE, TIMESTAMP -> new TemporalColumnAccumulator(column, options);
            case BOOLEAN -> new BooleanColumnAccumulator(column, options);
            case TEXT -> new TextColumnAccumulator(column, options);
        };
    }

    /**
     * Takes a batch of this column's values (each of the column's Java type, or null). Batches keep
     * one column's state hot in cache and its loop monomorphic, which a row-at-a-time pass over
     * twelve columns of different types does not.
     *
     * @param rowHashes running hash of each row of the batch, into which each value's hash is folded
     * @param rowMissing set for each row where this column's value is missing (null, or NaN)
     * @throws ClassCastException when a value is not of the type {@link ColumnType} documents
     */
    abstract void addBatch(Object[] values, int count, long[] rowHashes, boolean[] rowMissing);

    /** Adds what another accumulator of the same column has seen. */
    abstract void merge(ColumnAccumulator other);

    abstract ColumnStatistics finish(long rowCount);

    final ColumnStatistics statistics(long rowCount, long distinctCount, boolean distinctApproximate,
            NumericStatistics numeric, TemporalStatistics temporal, BooleanStatistics booleans, TopValues topValues) {
        return new ColumnStatistics(column.name(), column.type(), rowCount, nullCount, distinctCount, distinctApproximate,
                numeric, temporal, booleans, topValues);
    }
}
