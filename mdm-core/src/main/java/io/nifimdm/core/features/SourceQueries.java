package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Streams a read-only query with a bounded fetch size (PostgreSQL needs a transaction for its cursor). */
final class SourceQueries {

    static final int FETCH_SIZE = 10_000;

    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet resultSet) throws Exception;
    }

    private SourceQueries() {
    }

    static void stream(Connection connection, Backend backend, String sql, RowHandler handler) throws Exception {
        boolean switched = backend.kind() == BackendKind.POSTGRESQL && connection.getAutoCommit();
        if (switched) {
            connection.setAutoCommit(false);
        }
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    handler.row(rows);
                }
            }
        } finally {
            if (switched) {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is being given up anyway
        }
    }
}
