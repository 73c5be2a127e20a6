package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/** Opens a {@link DatasetStore} on one engine. */
public final class DatasetStores {

    private static final Set<String> JOURNAL_MODES = Set.of("WAL", "DELETE", "TRUNCATE", "PERSIST", "MEMORY");
    private static final Set<String> SYNCHRONOUS_MODES = Set.of("OFF", "NORMAL", "FULL", "EXTRA");

    private DatasetStores() {
    }

    /**
     * An SQLite store: one {@code <name>.sqlite} file per dataset under {@code storageDirectory} (created if missing).
     * Every connection gets the settings' pragmas; writers of one dataset take turns, readers run alongside (WAL).
     *
     * @param maxConnections idle connections kept open per dataset file for reuse; more may be open at once
     *
     * @throws io.nifimdm.core.MdmException when the directory is not writable, or is already used by another store
     *                                      (in this JVM, another NAR version, or another process)
     */
    public static DatasetStore sqlite(Path storageDirectory, SqliteSettings settings, int maxConnections) {
        SqliteSettings checked = checkSqlite(settings);
        checkMaxConnections(maxConnections);
        StorageDirectoryLock lock = StorageDirectoryLock.acquire(storageDirectory);
        return new EmbeddedDatasetStore(new EmbeddedDatasetStore.Engine() {
            @Override
            public BackendKind kind() {
                return BackendKind.SQLITE;
            }

            @Override
            public EmbeddedDatabase open(Path file) throws SQLException {
                return new SqliteDatabase(file, checked, maxConnections).start();
            }

            @Override
            public List<String> sideFileSuffixes() {
                return List.of("-wal", "-shm", "-journal");
            }

            @Override
            public String version() throws SQLException {
                try (Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties())) {
                    return "SQLite " + singleValue(connection, "SELECT sqlite_version()");
                }
            }
        }, lock);
    }

    /**
     * A DuckDB store: one {@code <name>.duckdb} file per dataset; same rules as {@link #sqlite}. Each file has one
     * root connection carrying the settings, and every user gets a duplicate of it.
     *
     * @param maxConnections validated (at least 1) for symmetry with the other engines; duplicates of the root
     *                       connection are cheap and not pooled, and DuckDB's own {@code threads} bounds the work
     */
    public static DatasetStore duckdb(Path storageDirectory, DuckDbSettings settings, int maxConnections) {
        checkDuckDb(settings);
        checkMaxConnections(maxConnections);
        StorageDirectoryLock lock = StorageDirectoryLock.acquire(storageDirectory);
        Path directory = lock.directory();
        return new EmbeddedDatasetStore(new EmbeddedDatasetStore.Engine() {
            @Override
            public BackendKind kind() {
                return BackendKind.DUCKDB;
            }

            @Override
            public EmbeddedDatabase open(Path file) throws SQLException {
                return DuckDbDatabase.open(file, settings, directory);
            }

            @Override
            public List<String> sideFileSuffixes() {
                return List.of(".wal");
            }

            @Override
            public String version() throws SQLException {
                Properties config = new Properties();
                config.setProperty("threads", "1");
                config.setProperty("autoinstall_known_extensions", "false");
                config.setProperty("autoload_known_extensions", "false");
                try (Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", config)) {
                    return "DuckDB " + singleValue(connection, "SELECT version()");
                }
            }
        }, lock);
    }

    /**
     * A PostgreSQL store: one schema {@code <prefix><name>} per dataset in the configured database.
     *
     * @throws io.nifimdm.core.TransientStoreException when the server cannot be reached
     * @throws io.nifimdm.core.MdmException            when it refuses the credentials
     */
    public static DatasetStore postgres(PostgresSettings settings) {
        return PostgresDatasetStore.open(settings);
    }

    private static SqliteSettings checkSqlite(SqliteSettings settings) {
        if (settings == null) {
            throw new MdmException("SQLite settings are required");
        }
        String journal = upper(settings.journalMode());
        if ("OFF".equals(journal)) {
            throw new MdmException("SQLite journal mode OFF is refused: without a journal a failed load cannot roll"
                    + " back and a crash can corrupt the dataset; use WAL (default) or DELETE");
        }
        if (!JOURNAL_MODES.contains(journal)) {
            throw new MdmException("Invalid SQLite journal mode '" + settings.journalMode()
                    + "': expected WAL, DELETE, TRUNCATE, PERSIST or MEMORY");
        }
        String synchronous = upper(settings.synchronous());
        if (!SYNCHRONOUS_MODES.contains(synchronous)) {
            throw new MdmException("Invalid SQLite synchronous mode '" + settings.synchronous()
                    + "': expected OFF, NORMAL, FULL or EXTRA");
        }
        if (settings.cacheSizeKib() < 0 || settings.mmapSizeBytes() < 0 || settings.busyTimeoutMillis() < 0) {
            throw new MdmException("SQLite cache size, mmap size and busy timeout cannot be negative");
        }
        return new SqliteSettings(journal, synchronous, settings.cacheSizeKib(), settings.mmapSizeBytes(),
                settings.busyTimeoutMillis());
    }

    private static void checkDuckDb(DuckDbSettings settings) {
        if (settings == null) {
            throw new MdmException("DuckDB settings are required");
        }
        if (settings.memoryLimit() == null || !settings.memoryLimit().trim().matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new MdmException("Invalid DuckDB memory limit '" + settings.memoryLimit()
                    + "': expected a size such as 512MB or 2GB");
        }
        if (settings.threads() < 1) {
            throw new MdmException("DuckDB threads must be at least 1 (got " + settings.threads() + ")");
        }
    }

    private static void checkMaxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new MdmException("Max connections must be at least 1 (got " + maxConnections + ")");
        }
    }

    private static String upper(String value) {
        return value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    }

    static String singleValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
