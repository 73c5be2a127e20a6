package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.TableInfo;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs queries on one dataset: structured {@link QuerySpec}s compiled by {@link QueryCompiler}, and read-only SQL
 * written by a user. Results stream through a {@link RowCursor} (PostgreSQL through a server-side cursor, which needs
 * auto-commit off; the embedded engines step through the result natively).
 *
 * <p>User SQL passes {@link ReadOnlySql} first and then runs read-only on every engine: SQLite with {@code PRAGMA
 * query_only} on the connection (reset before the connection goes back), PostgreSQL in a {@code READ ONLY} transaction
 * with a statement timeout (rolled back at the end), DuckDB after {@link DuckDbSqlGuard} has checked the parsed
 * statement reads only the dataset's tables.
 */
public final class DatasetQueries {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final int FETCH_SIZE = 10_000;

    private final Dataset dataset;
    private final Backend backend;

    public DatasetQueries(Dataset dataset) {
        this.dataset = dataset;
        this.backend = dataset.backend();
    }

    /** The dataset's data and feature tables (no {@code _mdm_} metadata tables), in metadata order. */
    public List<String> tables() {
        try (Connection connection = dataset.openReadConnection()) {
            return tables(connection);
        } catch (SQLException e) {
            throw EngineErrors.translate(e, "Listing the tables of dataset '" + dataset.name() + "' failed");
        }
    }

    /** The table's columns with their storage types. @throws MdmException when the table does not exist */
    public TableSchema tableSchema(String table) {
        try (Connection connection = dataset.openReadConnection()) {
            return tableSchema(connection, table);
        } catch (SQLException e) {
            throw EngineErrors.translate(e, "Reading the columns of '" + table + "' failed");
        }
    }

    public CompiledQuery compile(QuerySpec spec) {
        return QueryCompiler.compile(backend, dataset.schema(), tableSchema(spec.table()), spec);
    }

    /** Starts a structured query. @throws MdmException for unknown tables or columns and invalid values */
    public RowCursor open(QuerySpec spec) {
        Connection connection = null;
        try {
            connection = dataset.openReadConnection();
            CompiledQuery query = QueryCompiler.compile(backend, dataset.schema(), tableSchema(connection,
                    spec.table()), spec);
            JdbcRowCursor.Release release = prepareSession(connection, false, null);
            if (backend.kind() == BackendKind.POSTGRESQL && spec.isAggregate()) {
                RowCursor whole = smallResult(connection, query, release);
                if (whole != null) {
                    return whole;
                }
            }
            return execute(connection, query.sql(), query.parameters(), query.columns(), release);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw EngineErrors.translate(e, "Query on '" + spec.table() + "' of dataset '" + dataset.name()
                    + "' failed");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Starts a user's read-only SQL statement with the dataset's tables in scope.
     *
     * @param timeout longest run time where the engine supports one (PostgreSQL)
     * @throws MdmException when the statement is not one read-only query or reaches outside the dataset
     */
    public RowCursor openSql(String sql, Duration timeout) {
        String statement = ReadOnlySql.check(sql);
        Connection connection = null;
        try {
            connection = dataset.openReadConnection();
            if (backend.kind() == BackendKind.DUCKDB) {
                DuckDbSqlGuard.check(connection, statement, new LinkedHashSet<>(tables(connection)));
            }
            JdbcRowCursor.Release release = prepareSession(connection, true, timeout);
            return execute(connection, statement, List.of(), null, release);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw EngineErrors.translate(e, "SQL on dataset '" + dataset.name() + "' failed");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private JdbcRowCursor.Release prepareSession(Connection connection, boolean userSql, Duration timeout)
            throws SQLException {
        switch (backend.kind()) {
            case SQLITE -> {
                SqliteQuantile.register(connection);
                if (userSql) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("PRAGMA query_only = 1");
                    }
                }
                return c -> {
                    if (userSql) {
                        try (Statement statement = c.createStatement()) {
                            statement.execute("PRAGMA query_only = 0");
                        }
                    }
                    SqliteQuantile.unregister(c);
                };
            }
            case POSTGRESQL -> {
                // a cursor (fetch size) needs a transaction; user SQL also gets a read-only one with a time limit
                connection.setAutoCommit(false);
                if (userSql) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET TRANSACTION READ ONLY");
                        long millis = timeout == null ? DEFAULT_TIMEOUT.toMillis() : Math.max(1, timeout.toMillis());
                        statement.execute("SET LOCAL statement_timeout = " + millis);
                    }
                }
                return c -> {
                    try {
                        c.rollback();
                    } finally {
                        c.setAutoCommit(true);
                    }
                };
            }
            default -> {
                return c -> {
                };
            }
        }
    }

    /**
     * PostgreSQL runs a query in parallel only when the whole result is asked for at once: a cursor (the fetch size
     * that keeps large results streaming) makes it serial, which doubled the time of an aggregate over a large
     * table. An aggregate's result is usually a handful of groups, so it first runs whole, capped at
     * {@link #FETCH_SIZE} + 1 rows (what a cursor holds anyway); when the cap is reached the result is large and
     * the query runs again through a cursor, streaming.
     *
     * @return the whole result when it has at most {@link #FETCH_SIZE} rows, else null
     */
    private RowCursor smallResult(Connection connection, CompiledQuery query, JdbcRowCursor.Release release)
            throws SQLException {
        String sql = "SELECT * FROM (" + query.sql() + ") AS " + backend.quote("__mdm_small") + " LIMIT "
                + (FETCH_SIZE + 1);
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < query.parameters().size(); i++) {
                statement.setObject(i + 1, query.parameters().get(i));
            }
            ResultSet resultSet = statement.executeQuery();
            if (resultSet.last() && resultSet.getRow() > FETCH_SIZE) {
                resultSet.close();
                statement.close();
                return null;
            }
            resultSet.beforeFirst();
            return new JdbcRowCursor(backend, connection, statement, resultSet, query.columns(), query.sql(),
                    release);
        } catch (SQLException | RuntimeException e) {
            try {
                statement.close();
                release.release(connection);
            } catch (SQLException ignored) {
                // the original error matters
            }
            throw e;
        }
    }

    private RowCursor execute(Connection connection, String sql, List<Object> parameters, List<ResultColumn> columns,
                              JdbcRowCursor.Release release) throws SQLException {
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            ResultSet resultSet = statement.executeQuery();
            List<ResultColumn> resultColumns = columns != null ? columns : columns(resultSet.getMetaData());
            return new JdbcRowCursor(backend, connection, statement, resultSet, resultColumns, sql, release);
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // the original error matters
                }
            }
            try {
                release.release(connection);
            } catch (SQLException ignored) {
                // the original error matters
            }
            throw e;
        }
    }

    /** Storage types of a user statement's result from the driver's metadata. */
    private List<ResultColumn> columns(ResultSetMetaData metaData) throws SQLException {
        List<ResultColumn> columns = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String name = metaData.getColumnLabel(i);
            if (name == null || name.isEmpty()) {
                name = "column" + i;
            }
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + "_" + n;
            }
            columns.add(new ResultColumn(unique, type(metaData.getColumnTypeName(i), metaData.getColumnType(i))));
        }
        return columns;
    }

    private ColumnType type(String typeName, int jdbcType) {
        ColumnType byName = backend.columnType(typeName);
        String upper = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        boolean textual = upper.contains("CHAR") || upper.contains("TEXT") || upper.contains("STRING")
                || upper.contains("CLOB");
        if (byName != ColumnType.TEXT || textual) {
            return byName;
        }
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnType.INTEGER;
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> ColumnType.DECIMAL;
            case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIMESTAMP -> ColumnType.TIMESTAMP;
            default -> ColumnType.TEXT;
        };
    }

    private List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        for (TableInfo table : dataset.metadata().tables(connection)) {
            names.add(table.name());
        }
        return names;
    }

    private TableSchema tableSchema(Connection connection, String table) throws SQLException {
        if (table == null || table.isBlank()) {
            throw new MdmException("No table given");
        }
        if (table.startsWith("_mdm_")) {
            throw new MdmException("Table '" + table + "' is the dataset's metadata, not data");
        }
        Optional<TableInfo> info = dataset.metadata().table(connection, table);
        List<ResultColumn> columns = new ArrayList<>();
        if (info.isPresent()) {
            for (ColumnInfo column : dataset.metadata().columns(connection, table)) {
                columns.add(new ResultColumn(column.name(), column.storageType()));
            }
        }
        if (columns.isEmpty()) {
            columns = jdbcColumns(connection, table);
        }
        if (columns.isEmpty()) {
            throw new MdmException("Table '" + table + "' not found in dataset '" + dataset.name() + "' (tables: "
                    + String.join(", ", tables(connection)) + ")");
        }
        return new TableSchema(table, columns);
    }

    private List<ResultColumn> jdbcColumns(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        List<ResultColumn> columns = new ArrayList<>();
        try (ResultSet resultSet = metaData.getColumns(null, dataset.schema(), null, null)) {
            List<int[]> order = new ArrayList<>();
            while (resultSet.next()) {
                if (table.equals(resultSet.getString("TABLE_NAME"))) {
                    columns.add(new ResultColumn(resultSet.getString("COLUMN_NAME"),
                            backend.columnType(resultSet.getString("TYPE_NAME"))));
                    order.add(new int[]{resultSet.getInt("ORDINAL_POSITION"), order.size()});
                }
            }
            List<ResultColumn> sorted = new ArrayList<>(columns);
            order.sort((a, b) -> Integer.compare(a[0], b[0]));
            for (int i = 0; i < order.size(); i++) {
                sorted.set(i, columns.get(order.get(i)[1]));
            }
            return sorted;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the original error matters
            }
        }
    }
}
