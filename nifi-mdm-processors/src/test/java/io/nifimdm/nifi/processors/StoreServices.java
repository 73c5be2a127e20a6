package io.nifimdm.nifi.processors;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.nifi.services.DuckDBDatasetStore;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

import java.nio.file.Path;

/** Adds an enabled dataset store service of one engine to a processor's TestRunner. */
final class StoreServices implements AutoCloseable {

    static final String SERVICE_ID = "dataset-store";

    private final String schemaPrefix;

    private StoreServices(String schemaPrefix) {
        this.schemaPrefix = schemaPrefix;
    }

    static StoreServices add(TestRunner runner, BackendKind kind, Path directory) throws InitializationException {
        String prefix = null;
        ControllerService service;
        switch (kind) {
            case SQLITE -> {
                service = new SQLiteDatasetStore();
                runner.addControllerService(SERVICE_ID, service);
                runner.setProperty(service, SQLiteDatasetStore.STORAGE_DIRECTORY, directory.toString());
            }
            case DUCKDB -> {
                service = new DuckDBDatasetStore();
                runner.addControllerService(SERVICE_ID, service);
                runner.setProperty(service, DuckDBDatasetStore.STORAGE_DIRECTORY, directory.toString());
            }
            default -> {
                PostgresTestSupport.assumeAvailable();
                prefix = PostgresTestSupport.randomSchemaPrefix();
                service = new PostgreSQLDatasetStore();
                runner.addControllerService(SERVICE_ID, service);
                runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, PostgresTestSupport.urlWithoutQuery());
                runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_USER,
                        PostgresTestSupport.settings(prefix).user());
                runner.setProperty(service, PostgreSQLDatasetStore.SCHEMA_PREFIX, prefix);
            }
        }
        runner.enableControllerService(service);
        return new StoreServices(prefix);
    }

    @Override
    public void close() {
        if (schemaPrefix != null) {
            PostgresTestSupport.dropSchemas(schemaPrefix);
        }
    }
}
