package io.nifimdm.core.query;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A cursor over a JDBC result; closing it runs the release step (undo session settings) and closes the connection. */
final class JdbcRowCursor implements RowCursor {

    @FunctionalInterface
    interface Release {
        void release(Connection connection) throws SQLException;
    }

    private final Backend backend;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final List<ResultColumn> columns;
    private final ColumnType[] types;
    /** Per column: read with a typed getter (LONG, DOUBLE, STRING) where the driver's type matches, else generic. */
    private final Getter[] getters;
    private final String sql;
    private final Release release;
    private boolean closed;

    JdbcRowCursor(Backend backend, Connection connection, Statement statement, ResultSet resultSet,
                  List<ResultColumn> columns, String sql, Release release) {
        this.backend = backend;
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ResultColumn::type).toArray(ColumnType[]::new);
        this.getters = getters(resultSet, types, backend.kind() == io.nifimdm.core.backend.BackendKind.SQLITE);
        this.sql = sql;
        this.release = release;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        try {
            return resultSet.next();
        } catch (SQLException e) {
            throw EngineErrors.translate(e, "Reading the query result failed");
        }
    }

    /** ISO_DATE / ISO_TIMESTAMP: temporal values SQLite stores as ISO text, read as text and parsed by the backend. */
    private enum Getter { LONG, DOUBLE, STRING, ISO_DATE, ISO_TIMESTAMP, GENERIC }

    /**
     * Typed getters skip the boxing and conversion of getObject and the backend's conversion, which matters at
     * millions of values; they are used only where the driver reports exactly the storage type's JDBC type.
     */
    private static Getter[] getters(ResultSet resultSet, ColumnType[] types, boolean temporalsAsText) {
        Getter[] getters = new Getter[types.length];
        java.util.Arrays.fill(getters, Getter.GENERIC);
        try {
            java.sql.ResultSetMetaData metaData = resultSet.getMetaData();
            for (int i = 0; i < types.length; i++) {
                int jdbcType = metaData.getColumnType(i + 1);
                getters[i] = switch (types[i]) {
                    case INTEGER -> jdbcType == java.sql.Types.BIGINT || jdbcType == java.sql.Types.INTEGER
                            || jdbcType == java.sql.Types.SMALLINT || jdbcType == java.sql.Types.TINYINT
                            ? Getter.LONG : Getter.GENERIC;
                    case DECIMAL -> jdbcType == java.sql.Types.DOUBLE || jdbcType == java.sql.Types.FLOAT
                            || jdbcType == java.sql.Types.REAL ? Getter.DOUBLE : Getter.GENERIC;
                    case TEXT -> jdbcType == java.sql.Types.VARCHAR || jdbcType == java.sql.Types.CHAR
                            || jdbcType == java.sql.Types.LONGVARCHAR || jdbcType == java.sql.Types.NVARCHAR
                            ? Getter.STRING : Getter.GENERIC;
                    case DATE -> temporalsAsText ? Getter.ISO_DATE : Getter.GENERIC;
                    case TIMESTAMP -> temporalsAsText ? Getter.ISO_TIMESTAMP : Getter.GENERIC;
                    default -> Getter.GENERIC;
                };
            }
        } catch (SQLException e) {
            // without metadata every column takes the generic path, which is always right
        }
        return getters;
    }

    @Override
    public Object value(int index) {
        try {
            switch (getters[index]) {
                case LONG -> {
                    long value = resultSet.getLong(index + 1);
                    return resultSet.wasNull() ? null : value;
                }
                case DOUBLE -> {
                    double value = resultSet.getDouble(index + 1);
                    return resultSet.wasNull() ? null : value;
                }
                case STRING -> {
                    return resultSet.getString(index + 1);
                }
                case ISO_DATE, ISO_TIMESTAMP -> {
                    String text = resultSet.getString(index + 1);
                    return text == null ? null : backend.readValue(text, types[index]);
                }
                default -> {
                }
            }
            return backend.readValue(resultSet, index + 1, types[index]);
        } catch (SQLException e) {
            throw EngineErrors.translate(e, "Reading column '" + columns.get(index).name() + "' failed");
        }
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resultSet.close();
        } catch (SQLException ignored) {
            // closing the statement and connection below releases it anyway
        }
        try {
            statement.close();
        } catch (SQLException ignored) {
            // as above
        }
        try {
            release.release(connection);
        } catch (SQLException ignored) {
            // the connection is closed next; a pool discards a connection whose reset failed
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
