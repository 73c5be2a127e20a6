package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.nifi.processors.MdmAttributes;
import io.nifimdm.nifi.services.DuckDBDatasetStore;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A processor under NiFi's TestRunner wired to a fresh dataset store service of one engine, plus a fresh dataset
 * name; the processor-level scenarios load their tables through it untimed and time only {@code runner.run()}.
 * Closing drops the dataset (and with it its PostgreSQL schema) and disables the service.
 */
final class ProcessorHarness implements AutoCloseable {

    static final String STORE_SERVICE_ID = "store";

    final TestRunner runner;
    final String dataset;
    private final ControllerService service;

    private ProcessorHarness(TestRunner runner, ControllerService service, String dataset) {
        this.runner = runner;
        this.service = service;
        this.dataset = dataset;
    }

    /** A runner for the processor, its "Dataset Store" property pointing at an enabled service of the engine. */
    static ProcessorHarness open(Class<? extends Processor> processor, BenchContext context, BackendKind backend,
                                 String label) throws Exception {
        TestRunner runner = TestRunners.newTestRunner(processor);
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ControllerService service = switch (backend) {
            case SQLITE -> {
                SQLiteDatasetStore sqlite = new SQLiteDatasetStore();
                runner.addControllerService(STORE_SERVICE_ID, sqlite);
                runner.setProperty(sqlite, SQLiteDatasetStore.STORAGE_DIRECTORY, directory(context, label, backend,
                        unique));
                yield sqlite;
            }
            case DUCKDB -> {
                DuckDBDatasetStore duckdb = new DuckDBDatasetStore();
                runner.addControllerService(STORE_SERVICE_ID, duckdb);
                runner.setProperty(duckdb, DuckDBDatasetStore.STORAGE_DIRECTORY, directory(context, label, backend,
                        unique));
                yield duckdb;
            }
            case POSTGRESQL -> {
                PostgreSQLDatasetStore postgres = new PostgreSQLDatasetStore();
                runner.addControllerService(STORE_SERVICE_ID, postgres);
                runner.setProperty(postgres, PostgreSQLDatasetStore.DATABASE_URL, context.urlWithoutQuery());
                runner.setProperty(postgres, PostgreSQLDatasetStore.DATABASE_USER, context.postgresUser());
                // PostgreSQL identifiers: lower case letters, digits and underscores only
                runner.setProperty(postgres, PostgreSQLDatasetStore.SCHEMA_PREFIX,
                        label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + unique + "_");
                yield postgres;
            }
        };
        runner.enableControllerService(service);
        runner.setProperty("Dataset Store", STORE_SERVICE_ID);
        return new ProcessorHarness(runner, service, BenchContext.datasetName());
    }

    private static String directory(BenchContext context, String label, BackendKind backend, String unique)
            throws Exception {
        return Files.createDirectories(context.workDirectory().resolve(label + "-" + backend.id() + "-" + unique))
                .toString();
    }

    /** The store behind the service, for untimed set-up and clean-up. */
    DatasetStore store() {
        return ((MdmDatasetStore) runner.getControllerService(STORE_SERVICE_ID)).getDatasetStore();
    }

    /**
     * Registers a CSV file as a table of the dataset (untimed set-up), with detection and statistics as
     * RegisterDataset would, so the processors see the metadata a real flow leaves behind.
     */
    void register(String table, Path csv) {
        DatasetRegistrar.standard(store()).register(
                RegistrationRequest.of(dataset, table, RegistrationMode.CREATE),
                ContentInput.of(() -> new BufferedInputStream(Files.newInputStream(csv), 1 << 16), InputFormat.CSV));
    }

    /** Enqueues an empty FlowFile naming the dataset: the trigger of one run. */
    void enqueueTrigger() {
        runner.enqueue(new byte[0], Map.of(MdmAttributes.DATASET_NAME, dataset));
    }

    /** The FlowFiles on success after a run; fails with the processor's error message when the trigger failed. */
    List<MockFlowFile> successes(String processorName) {
        List<MockFlowFile> failed = runner.getFlowFilesForRelationship("failure");
        if (!failed.isEmpty()) {
            throw new IllegalStateException(processorName + " failed: "
                    + failed.get(0).getAttribute(MdmAttributes.ERROR_MESSAGE));
        }
        List<MockFlowFile> success = runner.getFlowFilesForRelationship("success");
        if (success.isEmpty()) {
            throw new IllegalStateException(processorName + " wrote nothing to success (the store was unavailable? "
                    + "see the log)");
        }
        return success;
    }

    @Override
    public void close() {
        try {
            DatasetStore store = store();
            if (store.exists(dataset)) {
                store.drop(dataset);
            }
        } finally {
            runner.disableControllerService(service);
        }
    }
}
