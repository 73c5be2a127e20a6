package io.nifimdm.core.profile;

import io.nifimdm.core.backend.ColumnType;

/**
 * The on-demand figures of one column.
 *
 * @param presentCount non-missing values (NaN counts as missing)
 * @param distinctCount exact count of distinct non-missing values
 * @param distinctRatio distinctCount / rows (pandas' {@code nunique() / len}); null for an empty table
 * @param numeric INTEGER and DECIMAL columns, else null
 * @param mode TEXT columns with a value, else null
 */
public record ColumnProfile(
        String name,
        ColumnType type,
        long presentCount,
        long distinctCount,
        Double distinctRatio,
        NumericShape numeric,
        Mode mode) {
}
