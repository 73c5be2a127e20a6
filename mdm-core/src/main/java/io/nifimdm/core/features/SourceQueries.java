package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Streams a read-only query with a bounded fetch size (PostgreSQL needs a transaction for its cursor, and sends its
 * results in binary).
 */
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
            if (backend.kind() == BackendKind.POSTGRESQL) {
                // binary results: doubles, longs and timestamps arrive as their bytes, so the server formats none
                // and the driver parses none (a tenth of a feature pass's CPU went to Double.parseDouble); exact
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
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
