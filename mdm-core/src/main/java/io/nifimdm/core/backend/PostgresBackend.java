package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL: BIGINT, DOUBLE PRECISION, BOOLEAN, DATE, TIMESTAMP, TEXT; identifiers up to 63 UTF-8 bytes
 * (longer ones the server would silently truncate). Bulk path: {@code COPY ... FROM STDIN} through CopyManager.
 */
final class PostgresBackend extends BaseBackend {

    static final int MAX_IDENTIFIER_BYTES = 63;

    @Override
    public BackendKind kind() {
        return BackendKind.POSTGRESQL;
    }

    @Override
    protected int maxIdentifierBytes() {
        return MAX_IDENTIFIER_BYTES;
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DOUBLE PRECISION";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TEXT -> "TEXT";
        };
    }

    /** The batch size does not apply: COPY streams through a fixed 1 MiB buffer. */
    @Override
    public RowSink openRowSink(Connection connection, String schema, String table, List<ColumnDef> columns,
                               int batchSize) throws SQLException {
        String sql = "COPY " + qualified(schema, table) + " (" + columnList(columns) + ") FROM STDIN (FORMAT text)";
        return new PostgresCopyRowSink(connection, sql, columns);
    }
}
