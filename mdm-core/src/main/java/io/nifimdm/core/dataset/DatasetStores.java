package io.nifimdm.core.dataset;

import java.nio.file.Path;

/** Opens a {@link DatasetStore} on one engine. */
public final class DatasetStores {

    private DatasetStores() {
    }

    /**
     * An SQLite store: one {@code <name>.sqlite} file per dataset under {@code storageDirectory} (created if missing).
     *
     * @throws io.nifimdm.core.MdmException when the directory is not writable, or is already used by another store
     *                                      (in this JVM, another NAR version, or another process)
     */
    public static DatasetStore sqlite(Path storageDirectory, SqliteSettings settings, int maxConnections) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A DuckDB store: one {@code <name>.duckdb} file per dataset; same rules as {@link #sqlite}. */
    public static DatasetStore duckdb(Path storageDirectory, DuckDbSettings settings, int maxConnections) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A PostgreSQL store: one schema {@code <prefix><name>} per dataset in the configured database.
     *
     * @throws io.nifimdm.core.TransientStoreException when the server cannot be reached
     * @throws io.nifimdm.core.MdmException            when it refuses the credentials
     */
    public static DatasetStore postgres(PostgresSettings settings) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
