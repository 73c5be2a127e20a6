package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between engines, and nothing else: identifier rules and quoting, type mapping,
 * DDL, the bulk-load path and the SQL dialect details that later packages (stats, features,
 * query, export) need. Implementations are stateless and thread-safe.
 *
 * <p>Tables are addressed by {@code (schema, table)}; schema is null on embedded engines, where a
 * dataset is a database file, and the dataset's schema on PostgreSQL.
 */
public interface Backend {

    BackendKind kind();

    /**
     * Validates an identifier (table or column name) for this engine and returns it quoted for SQL.
     * Any characters are allowed in column names (spaces, quotes, reserved words, unicode) except
     * NUL and other control characters; the length limit is the engine's (PostgreSQL: 63 bytes).
     *
     * @throws io.nifimdm.core.MdmException naming the identifier and the rule it breaks
     */
    String quote(String identifier);

    /** {@code schema.table} quoted, or just the quoted table where schema is null. */
    String qualified(String schema, String table);

    /** The engine's SQL type for a storage type (for example DECIMAL: REAL / DOUBLE / DOUBLE PRECISION). */
    String sqlType(ColumnType type);

    /** Reads back the storage type from the type name the engine reports in JDBC metadata. */
    ColumnType columnType(String engineTypeName);

    /** {@code CREATE TABLE} statement for a new data table. */
    String createTableSql(String schema, String table, List<ColumnDef> columns);

    /**
     * Opens this engine's bulk-load path into an existing table: DuckDB's appender, SQLite's
     * prepared-statement batches, PostgreSQL's {@code COPY ... FROM STDIN}. The connection must
     * have auto-commit off; the caller commits.
     *
     * @param batchSize rows buffered before they are sent to the engine
     */
    RowSink openRowSink(Connection connection, String schema, String table, List<ColumnDef> columns, int batchSize)
            throws SQLException;

    /**
     * Converts a value read through JDBC ({@code ResultSet.getObject}) of a column of the given storage type back to the
     * Java type {@link ColumnType} promises (SQLite keeps dates as ISO text, booleans as 0/1).
     */
    Object readValue(Object jdbcValue, ColumnType type);

    /**
     * Reads column {@code index} (1-based) of the current row as the Java type {@link ColumnType} promises, using
     * the driver's typed getters where they are exact (timestamps without a detour through the JVM time zone).
     */
    default Object readValue(ResultSet resultSet, int index, ColumnType type) throws SQLException {
        return readValue(resultSet.getObject(index), type);
    }
}
