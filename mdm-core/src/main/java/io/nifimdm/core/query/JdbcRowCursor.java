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

    @Override
    public Object value(int index) {
        try {
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
