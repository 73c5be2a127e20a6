package io.nifimdm.core.dataset;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SQLite file: connections opened with the store's pragmas, kept in a small pool of idle connections (at most
 * {@code maxIdle}) since opening one costs a file open and the pragma round trips.
 *
 * <p>In WAL mode the write-ahead log is checkpointed into the file on a background thread after a write commits
 * ({@link #afterWrite()}), not inside the commit: SQLite's automatic checkpoint would copy and sync the whole log of
 * a large load (100+ MB) in the committing call, about a second that the writer need not wait for. The commit is
 * as durable as before (the log holds it; a crash replays it), readers see it at once, and a checkpoint runs
 * passively alongside readers and the next writer. Closing the last connection checkpoints whatever is left.
 */
final class SqliteDatabase extends EmbeddedDatabase {

    /** SQLite's default automatic checkpoint threshold: 1,000 pages of 4 KiB. */
    private static final long CHECKPOINT_WAL_BYTES = 4L << 20;

    private final SqliteSettings settings;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final boolean walMode;
    private final AtomicBoolean checkpointScheduled = new AtomicBoolean();

    SqliteDatabase(Path file, SqliteSettings settings, int maxIdle) {
        super(file);
        this.settings = settings;
        this.maxIdle = maxIdle;
        this.walMode = "WAL".equalsIgnoreCase(settings.journalMode());
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
            if (walMode) {
                statement.execute("PRAGMA wal_autocheckpoint=0"); // checkpoints run after the commit, see afterWrite
                // Without a limit the log file keeps the size of the largest load ever made, and its size is what
                // afterWrite reads to decide whether a checkpoint is due.
                statement.execute("PRAGMA journal_size_limit=" + CHECKPOINT_WAL_BYTES);
            }
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
            afterWrite(); // a tool's connection may have written
        });
    }

    /**
     * Checkpoints the write-ahead log on a background thread once it holds more than SQLite's automatic
     * checkpoint would let it (about 1,000 pages). At most one checkpoint is waiting at a time.
     */
    @Override
    void afterWrite() {
        if (!walMode || isClosed() || walBytes() < CHECKPOINT_WAL_BYTES || !checkpointScheduled.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("mdm-sqlite-checkpoint").start(() -> {
            checkpointScheduled.set(false);
            // Only an idle connection: opening one here could recreate the file of a dataset dropped meanwhile.
            Connection connection;
            synchronized (idle) {
                connection = isClosed() ? null : idle.pollFirst();
            }
            if (connection == null) {
                return; // all busy or closed: the next write or the last close checkpoints
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException | RuntimeException e) {
                // closed or dropped meanwhile: nothing to checkpoint any more
            } finally {
                giveBack(connection);
            }
        });
    }

    private long walBytes() {
        try {
            return Files.size(file().resolveSibling(file().getFileName() + "-wal"));
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.clear();
        }
        super.close();
    }
}
