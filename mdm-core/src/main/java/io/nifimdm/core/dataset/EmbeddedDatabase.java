package io.nifimdm.core.dataset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open database file of an embedded engine: the only engine instance on that file in this class loader.
 * Writers take turns through {@link #writerLock()}; readers get their own connections alongside. Closing it closes
 * every connection it ever handed out that is still open.
 */
abstract class EmbeddedDatabase implements AutoCloseable {

    private final Path file;
    private final ReentrantLock writerLock = new ReentrantLock(true);
    /** Every engine connection of this database that is not yet closed: idle, lent to callers, or the root. */
    protected final Set<Connection> engineConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EmbeddedDatabase(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    ReentrantLock writerLock() {
        return writerLock;
    }

    boolean isClosed() {
        return closed;
    }

    /** A connection for the store's own work and for readers; closing it gives it back. */
    abstract Connection borrow() throws SQLException;

    /** A connection of its own for a generic SQL tool, which may leave any state behind; closing it closes it. */
    abstract Connection connectFresh() throws SQLException;

    /** Called after a write transaction committed; engines with deferred maintenance (SQLite's WAL checkpoint) start it. */
    void afterWrite() {
    }

    /** Whether the file holds an MDM dataset (its {@code _mdm_dataset} table). */
    boolean holdsDataset() throws SQLException {
        try (Connection connection = borrow(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM \"" + SqlDatasetMetadata.DATASET + "\"").close();
            return true;
        } catch (SQLException e) {
            if (isClosed()) {
                throw e;
            }
            return false;
        }
    }

    protected void ensureOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Database " + file + " is closed", "08003");
        }
    }

    /** Closes the engine connections; subclasses close their root connection after this. */
    @Override
    public void close() {
        closed = true;
        for (Connection connection : engineConnections) {
            closeQuietly(connection);
        }
        engineConnections.clear();
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing on shutdown or drop: nothing left to do with a connection that fails to close
        }
    }
}
