package io.nifimdm.core.backend;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB's appender: about 50 times faster than JDBC batches, which DuckDB runs one statement per row. It appends
 * through the caller's connection, so its rows belong to the caller's open transaction and roll back with it.
 */
final class DuckDbAppenderRowSink implements RowSink {

    private final DuckDBAppender appender;
    private final List<ColumnDef> columns;
    private final ColumnType[] types;
    private final int batchSize;
    private int pending;
    private long rows;

    DuckDbAppenderRowSink(DuckDBConnection connection, String schema, String table, List<ColumnDef> columns,
                          int batchSize) throws SQLException {
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        this.batchSize = Math.max(1, batchSize);
        this.appender = connection.createAppender(schema == null ? DuckDBConnection.DEFAULT_SCHEMA : schema, table);
    }

    @Override
    public void add(Object[] row) throws SQLException {
        RowValues.checkWidth(row, columns);
        appender.beginRow();
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            if (value == null) {
                appender.appendNull();
                continue;
            }
            ColumnDef column = columns.get(i);
            switch (types[i]) {
                case BOOLEAN -> appender.append(RowValues.asBoolean(value, column));
                case INTEGER -> appender.append(RowValues.asLong(value, column));
                case DECIMAL -> appender.append(RowValues.asDouble(value, column));
                case DATE -> appender.append(RowValues.asDate(value, column));
                case TIMESTAMP -> appender.append(RowValues.asTimestamp(value, column));
                case TEXT -> appender.append(RowValues.asText(value, column));
            }
        }
        appender.endRow();
        rows++;
        if (++pending >= batchSize) {
            appender.flush();
            pending = 0;
        }
    }

    @Override
    public void finish() throws SQLException {
        appender.flush();
        pending = 0;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }
}
