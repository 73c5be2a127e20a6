package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite: INTEGER, REAL, BOOLEAN (stored 0/1), DATE and TIMESTAMP (stored as ISO-8601 text), TEXT.
 * SQLite has no NaN (a NaN double is stored as NULL) and stores integral REAL values as integers, so -0.0 reads
 * back as 0.0; every other double round-trips exactly. Bulk path: prepared-statement batches of multi-row INSERTs in one
 * transaction, each batch running on a thread of the sink's while the caller fills the next (benchmark {@code features},
 * SQLite: the 1M-row feature table built in 5.4-6.8 s instead of 6.9-8.3 s).
 */
final class SqliteBackend extends BaseBackend {

    @Override
    public BackendKind kind() {
        return BackendKind.SQLITE;
    }

    @Override
    protected int maxIdentifierBytes() {
        return 0;
    }

    /** Dates and timestamps are ISO text in SQLite; reading them through the driver's date logic would misparse. */
    @Override
    protected boolean typedTemporalGetters() {
        return false;
    }

    /**
     * Integers and decimals through the typed getters: {@code getObject} asks the driver for the value's storage class
     * first and then reads the value, and the storage-class calls were a fifth of a feature pass's reading; an integer
     * now takes one native call instead of two, a real two instead of three. Only a zero needs the question, to tell
     * it from NULL. Our writers store only integers and reals in these columns; text put there by
     * another program reads as SQLite converts it when that is not zero (its leading number), and fails as before
     * when it is.
     */
    @Override
    public Object readValue(ResultSet resultSet, int index, ColumnType type) throws SQLException {
        if (type == ColumnType.INTEGER) {
            long value = resultSet.getLong(index);
            return value != 0 ? (Object) value : zeroOrOther(resultSet, index, type);
        }
        if (type == ColumnType.DECIMAL) {
            double value = resultSet.getDouble(index);
            return value != 0 ? (Object) value : zeroOrOther(resultSet, index, type);
        }
        return super.readValue(resultSet, index, type);
    }

    private Object zeroOrOther(ResultSet resultSet, int index, ColumnType type) throws SQLException {
        return readValue(resultSet.getObject(index), type);
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case DECIMAL -> "REAL";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TEXT -> "TEXT";
        };
    }

    @Override
    public RowSink openRowSink(Connection connection, String schema, String table, List<ColumnDef> columns,
                               int batchSize) throws SQLException {
        String insert = "INSERT INTO " + qualified(schema, table) + " (" + columnList(columns) + ") VALUES ";
        return new BatchInsertRowSink(connection, insert, columns, batchSize, true,
                BatchInsertRowSink.MAX_ROWS_PER_STATEMENT, true);
    }
}
