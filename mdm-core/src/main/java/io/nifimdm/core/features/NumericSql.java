package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;

/** A numeric or boolean column as the fit reads it in SQL: a double, null where Java reads no number. */
final class NumericSql {

    private NumericSql() {
    }

    /**
     * The column's value as a double, with NaN as null ({@link FeatureComputer#number} skips NaN like a missing
     * value; SQLite never stores NaN) and booleans as 0 / 1.
     */
    static String value(Backend backend, String column, ColumnType type) {
        String quoted = backend.quote(column);
        BackendKind kind = backend.kind();
        if (type == ColumnType.BOOLEAN && kind == BackendKind.POSTGRESQL) {
            return "CASE WHEN " + quoted + " THEN 1.0::float8 WHEN NOT " + quoted + " THEN 0.0::float8 END";
        }
        if (type == ColumnType.DECIMAL) {
            return switch (kind) {
                case SQLITE -> quoted;
                case DUCKDB -> "NULLIF(" + quoted + ", 'nan'::DOUBLE)";
                case POSTGRESQL -> "NULLIF(" + quoted + ", 'NaN'::float8)";
            };
        }
        return "CAST(" + quoted + " AS " + backend.sqlType(ColumnType.DECIMAL) + ")";
    }

    /**
     * A bound double parameter, typed so every engine does double arithmetic with it. SQLite binds a double as REAL
     * already, and would evaluate a CAST on every row.
     */
    static String parameter(Backend backend) {
        return backend.kind() == BackendKind.SQLITE ? "?" : "CAST(? AS " + backend.sqlType(ColumnType.DECIMAL) + ")";
    }
}
