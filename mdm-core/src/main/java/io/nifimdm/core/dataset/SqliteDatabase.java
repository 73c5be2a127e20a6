package io.nifimdm.core.dataset;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An SQLite file: connections opened with the store's pragmas, kept in a small pool of idle connections (at most
 * {@code maxIdle}) since opening one costs a file open and the pragma round trips.
 */
final class SqliteDatabase extends EmbeddedDatabase {

    private final SqliteSettings settings;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();

    SqliteDatabase(Path file, SqliteSettings settings, int maxIdle) {
        super(file);
        this.settings = settings;
        this.maxIdle = maxIdle;
    }

    /** Opens one connection now, so a file that cannot be opened fails here and not at first use. */
    SqliteDatabase start() throws SQLException {
        giveBack(openEngineConnection());
        return this;
    }

    private Connection openEngineConnection() throws SQLException {
        ensureOpen();
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(settings.busyTimeoutMillis());
        Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file(), config.toProperties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=" + settings.journalMode());
            statement.execute("PRAGMA synchronous=" + settings.synchronous());
            statement.execute("PRAGMA cache_size=-" + settings.cacheSizeKib());
            statement.execute("PRAGMA mmap_size=" + settings.mmapSizeBytes());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        engineConnections.add(connection);
        return connection;
    }

    @Override
    Connection borrow() throws SQLException {
        ensureOpen();
        Connection connection;
        synchronized (idle) {
            connection = idle.pollFirst();
        }
        if (connection == null) {
            connection = openEngineConnection();
        }
        return ConnectionHandle.wrap(connection, this::giveBack);
    }

    private void giveBack(Connection connection) {
        try {
            if (!isClosed() && !connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                synchronized (idle) {
                    if (idle.size() < maxIdle && !isClosed()) {
                        idle.addFirst(connection);
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            // a connection that cannot be reset is not reused
        }
        engineConnections.remove(connection);
        closeQuietly(connection);
    }

    @Override
    Connection connectFresh() throws SQLException {
        Connection connection = openEngineConnection();
        return ConnectionHandle.wrap(connection, c -> {
            engineConnections.remove(c);
            c.close();
        });
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.clear();
        }
        super.close();
    }
}
