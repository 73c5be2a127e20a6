package io.nifimdm.core.profile;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

/** The SQL the profile's queries share, per engine: the table, a column's present value and its finite double. */
final class ProfileSql {

    private final Backend backend;
    private final String table;

    ProfileSql(Backend backend, String schema, String table) {
        this.backend = backend;
        this.table = backend.qualified(schema, table);
    }

    BackendKind kind() {
        return backend.kind();
    }

    /** The quoted, schema-qualified table. */
    String table() {
        return table;
    }

    String quote(String column) {
        return backend.quote(column);
    }

    /** The column's value with NaN as null (SQLite never stores NaN: it binds it as null). */
    String present(ColumnDef column) {
        String quoted = quote(column.name());
        if (column.type() != ColumnType.DECIMAL || kind() == BackendKind.SQLITE) {
            return quoted;
        }
        // NaN equals NaN on DuckDB and PostgreSQL, so NULLIF removes it.
        return "NULLIF(" + quoted + ", " + (kind() == BackendKind.DUCKDB ? "'nan'::DOUBLE" : "'NaN'::float8") + ")";
    }

    /**
     * The column as a double when finite, else null: INTEGER columns cast, DECIMAL columns between the infinities
     * (NaN sorts above +inf on DuckDB and PostgreSQL, so the same comparison leaves it out).
     */
    String finite(ColumnDef column) {
        String quoted = quote(column.name());
        if (column.type() == ColumnType.INTEGER) {
            return toDouble(quoted);
        }
        String[] infinities = switch (kind()) {
            case SQLITE -> new String[]{"-9e999", "9e999"};
            case DUCKDB -> new String[]{"'-inf'::DOUBLE", "'inf'::DOUBLE"};
            case POSTGRESQL -> new String[]{"'-Infinity'::float8", "'Infinity'::float8"};
        };
        return "CASE WHEN " + quoted + " > " + infinities[0] + " AND " + quoted + " < " + infinities[1] + " THEN "
                + toDouble(quoted) + " END";
    }

    String toDouble(String expression) {
        return "CAST(" + expression + " AS " + doubleType() + ")";
    }

    /** A bound double parameter, typed so every engine does double arithmetic with it. */
    String doubleParameter() {
        return "CAST(? AS " + doubleType() + ")";
    }

    /** An ORDER BY term comparing text by bytes on every engine (PostgreSQL's default collation is the locale's). */
    String binaryOrder(String expression) {
        return kind() == BackendKind.POSTGRESQL ? expression + " COLLATE \"C\"" : expression;
    }

    private String doubleType() {
        return switch (kind()) {
            case SQLITE -> "REAL";
            case DUCKDB -> "DOUBLE";
            case POSTGRESQL -> "DOUBLE PRECISION";
        };
    }
}
