package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.nifi.processors.RegisterDataset;
import io.nifimdm.nifi.services.DuckDBDatasetStore;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset written by the RegisterDataset processor through a NiFi dataset store service is the same dataset the
 * command line writes: the CLI lists it and shows identical info and statistics.
 */
class NiFiInteroperabilityTest {

    private static final String SERVICE_ID = "dataset-store";
    private static final List<String> FILES = List.of("train.csv", "test.csv", "sample_submission.csv");

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aDatasetRegisteredByNiFiReadsTheSameAsOneRegisteredByTheCli(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        String nifiPrefix = PostgresTestSupport.randomSchemaPrefix();
        try (Cli byCli = Cli.on(kind, tempDir);
             Cli onNiFiStore = kind == BackendKind.POSTGRESQL ? Cli.postgres(nifiPrefix)
                     : Cli.embedded(kind, tempDir.resolve("nifi-store"))) {
            Cli.Result registered = byCli.run("register", "--no-features", "shop", input.toString(), "--tags", "q1",
                    "--description", "From both sides");
            assertThat(registered.code()).as(registered.toString()).isZero();

            TestRunner runner = TestRunners.newTestRunner(RegisterDataset.class);
            ControllerService service = addService(runner, kind, tempDir.resolve("nifi-store"), nifiPrefix);
            runner.setProperty("Dataset Store", SERVICE_ID);
            runner.setProperty("Tags", "q1");
            runner.setProperty("Description", "From both sides");
            for (String file : FILES) {
                runner.enqueue(input.resolve(file), Map.of("mdm.dataset.name", "shop", "filename", file));
            }
            runner.run(FILES.size());
            runner.assertAllFlowFilesTransferred("success", FILES.size());

            if (kind.isEmbedded()) {
                Cli.Result held = onNiFiStore.run("list");
                assertThat(held.code()).as(held.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
                assertThat(held.err()).contains("held by another MDM dataset store", "running NiFi");
                runner.disableControllerService(service);
            }

            assertThat(CommandsAcrossEnginesTest.names(onNiFiStore.run("list", "-f", "json").json()))
                    .containsExactly("shop");
            JsonNode nifiInfo = withoutPlaceAndTime(onNiFiStore.run("info", "shop", "-f", "json").json());
            JsonNode cliInfo = withoutPlaceAndTime(byCli.run("info", "shop", "-f", "json").json());
            assertThat(nifiInfo.get("target_column").asText()).isEqualTo("label");
            assertThat(nifiInfo).isEqualTo(cliInfo);

            Cli.Result nifiStats = onNiFiStore.run("stats", "shop", "-f", "json");
            assertThat(nifiStats.code()).as(nifiStats.toString()).isZero();
            assertThat(nifiStats.json().get("tables")).hasSize(3);
            assertThat(nifiStats.json()).isEqualTo(byCli.run("stats", "shop", "-f", "json").json());

            String[] query = {"query", "shop", "--table", "train", "--order-by", "id", "--filter",
                    "{\"label\": 1}", "-f", "json"};
            JsonNode nifiRows = onNiFiStore.run(query).json();
            assertThat(nifiRows).hasSize(SampleFiles.TRAIN_ROWS / 4 + 1);
            assertThat(nifiRows).isEqualTo(byCli.run(query).json());

            // and the other way round: what the CLI changes, the processors see
            assertThat(onNiFiStore.run("update", "shop", "--target", "unit price", "--problem-type", "regression")
                    .code()).isZero();
            if (kind.isEmbedded()) {
                runner.enableControllerService(service);
            }
            runner.clearTransferState();
            runner.setProperty("Registration Mode", "Append");
            runner.enqueue(input.resolve("train.csv"), Map.of("mdm.dataset.name", "shop", "filename", "train.csv"));
            runner.run();
            runner.assertAllFlowFilesTransferred("success", 1);
            var flowFile = runner.getFlowFilesForRelationship("success").getFirst();
            flowFile.assertAttributeEquals("mdm.target.column", "unit price");
            flowFile.assertAttributeEquals("mdm.problem.type", "regression");
            runner.disableControllerService(service);
        }
    }

    private static ControllerService addService(TestRunner runner, BackendKind kind, Path directory, String prefix)
            throws Exception {
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
                service = new PostgreSQLDatasetStore();
                runner.addControllerService(SERVICE_ID, service);
                runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, PostgresTestSupport.urlWithoutQuery());
                runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_USER,
                        PostgresTestSupport.settings(prefix).user());
                runner.setProperty(service, PostgreSQLDatasetStore.SCHEMA_PREFIX, prefix);
            }
        }
        runner.enableControllerService(service);
        return service;
    }

    /** The info document without what differs between two stores by nature: where, when, how many bytes. */
    private static JsonNode withoutPlaceAndTime(JsonNode info) {
        ObjectNode copy = info.deepCopy();
        copy.remove(List.of("location", "registered_at", "updated_at", "size_bytes"));
        for (JsonNode table : (ArrayNode) copy.get("tables")) {
            ((ObjectNode) table).remove(List.of("created_at", "updated_at"));
        }
        return copy;
    }
}
