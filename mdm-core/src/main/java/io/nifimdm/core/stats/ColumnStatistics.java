package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnType;

/**
 * Statistics of one column. The type-specific parts are null where they do not apply (and also
 * when the column has no non-null value).
 *
 * @param name the column name as the data spells it
 * @param type the storage type the values were read as
 * @param rowCount rows of the table
 * @param nullCount null values (and NaN in DECIMAL columns)
 * @param distinctCount distinct non-null values
 * @param distinctApproximate whether distinctCount is an HLL estimate (more than
 *        {@link StatisticsOptions#distinctExactLimit()} distinct values); relative standard error
 *        1.04 / sqrt(2^{@link StatisticsOptions#hllPrecision()}), 0.81% with the defaults, so within 2.5% at 99.7%
 * @param numeric INTEGER and DECIMAL columns
 * @param temporal DATE and TIMESTAMP columns
 * @param booleans BOOLEAN columns
 * @param topValues TEXT columns, and INTEGER columns while their distinct count stays exact
 */
public record ColumnStatistics(
        String name,
        ColumnType type,
        long rowCount,
        long nullCount,
        long distinctCount,
        boolean distinctApproximate,
        NumericStatistics numeric,
        TemporalStatistics temporal,
        BooleanStatistics booleans,
        TopValues topValues) {

    /** Nulls as a percentage of rows, 0..100 (0 for an empty table). */
    public double nullPercentage() {
        return rowCount == 0 ? 0.0 : 100.0 * nullCount / rowCount;
    }

    public long nonNullCount() {
        return rowCount - nullCount;
    }
}
