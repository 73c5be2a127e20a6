package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.nifi.processors.RegisterDataset;
import io.nifimdm.nifi.services.DuckDBDatasetStore;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The RegisterDataset processor end to end, as a flow runs it: the CSV as FlowFile content (enqueued untimed),
 * one trigger through the dataset store service into a new table, with detection, statistics and metadata.
 */
public final class RegisterDatasetScenario implements Scenario {

    private static final String SERVICE_ID = "store";

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String description() {
        return "RegisterDataset processor (TestRunner): CSV FlowFile content to a new table, detection, statistics,"
                + " metadata";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        TestRunner runner = TestRunners.newTestRunner(RegisterDataset.class);
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ControllerService service = switch (backend) {
            case SQLITE -> {
                SQLiteDatasetStore sqlite = new SQLiteDatasetStore();
                runner.addControllerService(SERVICE_ID, sqlite);
                runner.setProperty(sqlite, SQLiteDatasetStore.STORAGE_DIRECTORY,
                        Files.createDirectories(context.workDirectory().resolve("register-sqlite-" + unique))
                                .toString());
                yield sqlite;
            }
            case DUCKDB -> {
                DuckDBDatasetStore duckdb = new DuckDBDatasetStore();
                runner.addControllerService(SERVICE_ID, duckdb);
                runner.setProperty(duckdb, DuckDBDatasetStore.STORAGE_DIRECTORY,
                        Files.createDirectories(context.workDirectory().resolve("register-duckdb-" + unique))
                                .toString());
                yield duckdb;
            }
            case POSTGRESQL -> {
                PostgreSQLDatasetStore postgres = new PostgreSQLDatasetStore();
                runner.addControllerService(SERVICE_ID, postgres);
                runner.setProperty(postgres, PostgreSQLDatasetStore.DATABASE_URL, context.urlWithoutQuery());
                runner.setProperty(postgres, PostgreSQLDatasetStore.DATABASE_USER, context.postgresUser());
                runner.setProperty(postgres, PostgreSQLDatasetStore.SCHEMA_PREFIX, "reg" + unique + "_");
                yield postgres;
            }
        };
        runner.enableControllerService(service);
        runner.setProperty("Dataset Store", SERVICE_ID);
        String dataset = BenchContext.datasetName();
        runner.enqueue(context.csv(), Map.of("mdm.dataset.name", dataset, "filename", "train.csv"));
        return new Run() {
            @Override
            public long execute() {
                runner.run();
                List<MockFlowFile> failed = runner.getFlowFilesForRelationship("failure");
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("RegisterDataset failed: "
                            + failed.get(0).getAttribute("mdm.error.message"));
                }
                return Long.parseLong(runner.getFlowFilesForRelationship("success").get(0)
                        .getAttribute("mdm.row.count"));
            }

            @Override
            public void close() {
                DatasetStore store = ((MdmDatasetStore) runner.getControllerService(SERVICE_ID)).getDatasetStore();
                if (store.exists(dataset)) {
                    store.drop(dataset);
                }
                runner.disableControllerService(service);
            }
        };
    }
}
