package io.nifimdm.core.backend;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** DuckDB: BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, VARCHAR. Bulk path: the appender. */
final class DuckDbBackend extends BaseBackend {

    @Override
    public BackendKind kind() {
        return BackendKind.DUCKDB;
    }

    @Override
    protected int maxIdentifierBytes() {
        return 0;
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DOUBLE";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TEXT -> "VARCHAR";
        };
    }

    /**
     * The appender fills every column of the table in table order. When the caller's columns are exactly those,
     * it is used; otherwise (a subset, another order) the load falls back to prepared-statement batches, which are
     * correct but far slower on DuckDB.
     */
    @Override
    public RowSink openRowSink(Connection connection, String schema, String table, List<ColumnDef> columns,
                               int batchSize) throws SQLException {
        String tableSql = qualified(schema, table);
        if (connection.isWrapperFor(DuckDBConnection.class) && columnsInTableOrder(connection, schema, table, columns)) {
            return new DuckDbAppenderRowSink(connection.unwrap(DuckDBConnection.class), schema, table, columns,
                    batchSize);
        }
        String insert = "INSERT INTO " + tableSql + " (" + columnList(columns) + ") VALUES ";
        return new BatchInsertRowSink(connection, insert, columns, batchSize, false, 1, false);
    }

    private static boolean columnsInTableOrder(Connection connection, String schema, String table,
                                               List<ColumnDef> columns) throws SQLException {
        List<String> tableColumns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = coalesce(?, current_schema())"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tableColumns.add(rs.getString(1));
                }
            }
        }
        return tableColumns.equals(columns.stream().map(ColumnDef::name).toList());
    }
}
