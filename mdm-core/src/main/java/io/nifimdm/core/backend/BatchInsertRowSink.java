package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * One prepared {@code INSERT} with {@code addBatch}/{@code executeBatch} per batch, inside the caller's
 * transaction: SQLite's fastest path (about 600-800 K rows/s in the probes). With {@code sqliteEncoding} dates and
 * timestamps are bound as ISO text and booleans as 0/1, as SQLite stores them; otherwise as typed JDBC values.
 */
final class BatchInsertRowSink implements RowSink {

    private final PreparedStatement statement;
    private final List<ColumnDef> columns;
    private final ColumnType[] types;
    private final int batchSize;
    private final boolean sqliteEncoding;
    private final StringBuilder scratch = new StringBuilder(32);
    private int pending;
    private long rows;

    BatchInsertRowSink(Connection connection, String insertSql, List<ColumnDef> columns, int batchSize,
                       boolean sqliteEncoding) throws SQLException {
        this.sqliteEncoding = sqliteEncoding;
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        this.batchSize = Math.max(1, batchSize);
        this.statement = connection.prepareStatement(insertSql);
    }

    @Override
    public void add(Object[] row) throws SQLException {
        RowValues.checkWidth(row, columns);
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
                continue;
            }
            ColumnDef column = columns.get(i);
            switch (types[i]) {
                case BOOLEAN -> {
                    boolean b = RowValues.asBoolean(value, column);
                    if (sqliteEncoding) {
                        statement.setInt(index, b ? 1 : 0);
                    } else {
                        statement.setBoolean(index, b);
                    }
                }
                case INTEGER -> statement.setLong(index, RowValues.asLong(value, column));
                case DECIMAL -> statement.setDouble(index, RowValues.asDouble(value, column));
                case DATE -> {
                    if (!sqliteEncoding) {
                        statement.setObject(index, RowValues.asDate(value, column));
                        continue;
                    }
                    scratch.setLength(0);
                    TemporalText.appendDate(scratch, RowValues.asDate(value, column));
                    statement.setString(index, scratch.toString());
                }
                case TIMESTAMP -> {
                    if (!sqliteEncoding) {
                        statement.setObject(index, RowValues.asTimestamp(value, column));
                        continue;
                    }
                    scratch.setLength(0);
                    TemporalText.appendTimestamp(scratch, RowValues.asTimestamp(value, column));
                    statement.setString(index, scratch.toString());
                }
                case TEXT -> statement.setString(index, RowValues.asText(value, column));
            }
        }
        statement.addBatch();
        rows++;
        if (++pending >= batchSize) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void finish() throws SQLException {
        flush();
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
