package io.nifimdm.core.testsupport;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import io.nifimdm.core.dataset.SqliteSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real store of each engine for one test: SQLite and DuckDB in a storage directory of their own, PostgreSQL with a
 * random schema prefix. {@link #close()} closes the store and drops every schema with the prefix.
 */
public final class StoreFixture implements AutoCloseable {

    private final BackendKind kind;
    private final Path directory;
    private final String schemaPrefix;
    private DatasetStore store;

    private StoreFixture(BackendKind kind, Path directory, String schemaPrefix) {
        this.kind = kind;
        this.directory = directory;
        this.schemaPrefix = schemaPrefix;
    }

    /** Opens a store of the engine; aborts the test (or fails it when required) when PostgreSQL is unreachable. */
    public static StoreFixture open(BackendKind kind, Path tempDirectory) {
        return open(kind, tempDirectory, 4);
    }

    public static StoreFixture open(BackendKind kind, Path tempDirectory, int maxConnections) {
        if (kind == BackendKind.POSTGRESQL) {
            PostgresTestSupport.assumeAvailable();
        }
        StoreFixture fixture = new StoreFixture(kind, tempDirectory.resolve("store-" + kind.id()),
                PostgresTestSupport.randomSchemaPrefix());
        fixture.store = fixture.newStore(maxConnections);
        return fixture;
    }

    /** Another store on the same storage directory or schema prefix. */
    public DatasetStore newStore(int maxConnections) {
        return switch (kind) {
            case SQLITE -> DatasetStores.sqlite(directory, SqliteSettings.defaults(), maxConnections);
            case DUCKDB -> DatasetStores.duckdb(directory, new DuckDbSettings("256MB", 1, null, null), maxConnections);
            case POSTGRESQL -> DatasetStores.postgres(PostgresTestSupport.settings(schemaPrefix, maxConnections));
        };
    }

    public DatasetStore store() {
        return store;
    }

    public BackendKind kind() {
        return kind;
    }

    public Path directory() {
        return directory;
    }

    public String schemaPrefix() {
        return schemaPrefix;
    }

    /** What the dataset left in storage: file names in the directory (lock files excluded), or schemas. */
    public List<String> storageEntries() throws IOException, SQLException {
        if (kind == BackendKind.POSTGRESQL) {
            return PostgresTestSupport.schemasWithPrefix(schemaPrefix);
        }
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".mdm-store")).sorted().toList();
        }
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (kind == BackendKind.POSTGRESQL) {
                PostgresTestSupport.dropSchemas(schemaPrefix);
            }
        }
    }
}
