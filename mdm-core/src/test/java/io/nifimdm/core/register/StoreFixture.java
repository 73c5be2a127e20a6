package io.nifimdm.core.register;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import io.nifimdm.core.dataset.SqliteSettings;
import io.nifimdm.core.testsupport.PostgresTestSupport;

import java.nio.file.Path;

/** A fresh store of one engine for one test; closing it removes what PostgreSQL tests made. */
final class StoreFixture implements AutoCloseable {

    final DatasetStore store;
    private final String schemaPrefix;

    private StoreFixture(DatasetStore store, String schemaPrefix) {
        this.store = store;
        this.schemaPrefix = schemaPrefix;
    }

    static StoreFixture open(BackendKind kind, Path directory) {
        return switch (kind) {
            case SQLITE -> new StoreFixture(DatasetStores.sqlite(directory, SqliteSettings.defaults(), 8), null);
            case DUCKDB -> new StoreFixture(DatasetStores.duckdb(directory, DuckDbSettings.defaults(), 8), null);
            case POSTGRESQL -> {
                PostgresTestSupport.assumeAvailable();
                String prefix = PostgresTestSupport.randomSchemaPrefix();
                yield new StoreFixture(DatasetStores.postgres(PostgresTestSupport.settings(prefix, 12)), prefix);
            }
        };
    }

    @Override
    public void close() {
        store.close();
        if (schemaPrefix != null) {
            PostgresTestSupport.dropSchemas(schemaPrefix);
        }
    }
}
