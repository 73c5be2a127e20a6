package io.nifimdm.nifi.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateFeaturesTest {

    @TempDir
    Path directory;

    private TestRunner runner;
    private StoreServices services;

    private void setUp(BackendKind kind) throws Exception {
        runner = TestRunners.newTestRunner(GenerateFeatures.class);
        services = StoreServices.add(runner, kind, directory);
        runner.setProperty(GenerateFeatures.DATASET_STORE, StoreServices.SERVICE_ID);
    }

    @AfterEach
    void tearDown() {
        if (services != null) {
            services.close();
        }
    }

    private DatasetStore store() {
        return ((MdmDatasetStore) runner.getControllerService(StoreServices.SERVICE_ID)).getDatasetStore();
    }

    private void register(String table, String csv, String target) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        RegistrationRequest request = RegistrationRequest.of("Shop", table, RegistrationMode.REPLACE);
        DatasetRegistrar.standard(store()).register(target == null ? request : request.withTarget(target),
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
    }

    private static String train() {
        StringBuilder csv = new StringBuilder("id,price,quantity,color,target\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i + 1).append(',').append(10 + (i * 7) % 13 + 0.25).append(',').append(1 + (i * 3) % 5)
                    .append(',').append(i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : "blue").append(',')
                    .append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        return csv.toString();
    }

    private static final String TEST = "id,price,quantity,color\n100,12.5,2,red\n101,99.25,1,purple\n";

    private MockFlowFile trigger(String table) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        runner.enqueue("registered content", table == null ? Map.of("mdm.dataset.name", "shop")
                : Map.of("mdm.dataset.name", "shop", "mdm.table", table));
        runner.run();
        List<MockFlowFile> success = runner.getFlowFilesForRelationship(GenerateFeatures.REL_SUCCESS);
        List<MockFlowFile> failure = runner.getFlowFilesForRelationship(GenerateFeatures.REL_FAILURE);
        return success.isEmpty() ? failure.get(0) : success.get(0);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void triggersInAnyOrderEndWithEveryFeatureTable(BackendKind kind) throws Exception {
        setUp(kind);
        register("test", TEST, null);
        MockFlowFile early = trigger("test");
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_SUCCESS, 1);
        early.assertAttributeEquals("mdm.features.pending", "true");
        early.assertAttributeEquals("mdm.feature.tables", "");
        early.assertContentEquals("registered content");
        assertThat(runner.getProvenanceEvents()).isEmpty();

        register("train", train(), "target");
        MockFlowFile fitted = trigger("train");
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_SUCCESS, 1);
        fitted.assertAttributeEquals("mdm.features.pending", "false");
        fitted.assertAttributeEquals("mdm.feature.fitted", "true");
        fitted.assertAttributeEquals("mdm.feature.fit.table", "train");
        assertThat(fitted.getAttribute("mdm.feature.tables").split(",")).containsExactlyInAnyOrder("train_features",
                "test_features");
        assertThat(Integer.parseInt(fitted.getAttribute("mdm.feature.count"))).isGreaterThan(5);
        assertThat(fitted.getAttribute("mdm.feature.dropped.count")).isNotNull();
        assertThat(fitted.getAttribute("mdm.duration.ms")).isNotNull();
        fitted.assertContentEquals("registered content");
        List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getEventType()).isEqualTo(ProvenanceEventType.REMOTE_INVOCATION);
        assertThat(events.get(0).getTransitUri()).contains("shop").doesNotContain("password");
        assertThat(events.get(0).getDetails()).contains("fitted feature plan v1 on train")
                .contains("train_features (50 rows)").contains("test_features (2 rows)");

        Dataset dataset = store().open("shop");
        try (Connection connection = dataset.openReadConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM "
                     + dataset.backend().qualified(dataset.schema(), "test_features"))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }

        register("test", TEST + "102,15.0,3,blue\n", null);
        MockFlowFile applied = trigger("test");
        applied.assertAttributeEquals("mdm.feature.fitted", "false");
        applied.assertAttributeEquals("mdm.feature.tables", "test_features");
        assertThat(runner.getProvenanceEvents().get(0).getDetails()).contains("applied stored feature plan of train")
                .contains("test_features (3 rows)");
    }

    @Test
    void reportAsContentListsFeaturesAndDropsWithReasons() throws Exception {
        setUp(BackendKind.SQLITE);
        register("train", train(), "target");
        runner.setProperty(GenerateFeatures.CONTENT, FeatureContentValue.FEATURE_REPORT.getValue());
        runner.setProperty("revenue", "price * quantity");
        runner.setProperty("constant_one", "1");
        MockFlowFile out = trigger(null);
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_SUCCESS, 1);
        out.assertAttributeEquals("mime.type", "application/json");
        JsonNode report = new ObjectMapper().readTree(out.getContent());
        assertThat(report.get("fitTable").asText()).isEqualTo("train");
        assertThat(report.get("featureTables").get("train_features").asLong()).isEqualTo(50);
        assertThat(report.get("features").toString()).contains("\"revenue\"");
        assertThat(report.get("dropped").toString()).contains("constant_one").contains("constant");
        assertThat(report.get("featureCount").asInt()).isEqualTo(Integer.parseInt(out.getAttribute(
                "mdm.feature.count")));
    }

    @Test
    void invalidCustomExpressionsAndRatiosAreRejectedOnTheCanvas() throws Exception {
        setUp(BackendKind.SQLITE);
        runner.assertValid();
        runner.setProperty("revenue", "price * quantity");
        runner.assertValid();
        runner.setProperty("sneaky", "price; DROP TABLE train");
        runner.assertNotValid();
        runner.removeProperty("sneaky");
        runner.setProperty("peek", "(SELECT max(price) FROM other)");
        runner.assertNotValid();
        runner.removeProperty("peek");
        runner.assertValid();
        runner.setProperty(GenerateFeatures.MAX_CORRELATION, "1.5");
        runner.assertNotValid();
    }

    @Test
    void failuresCarryTheReasonAndLeaveFeatureTablesAsTheyWere() throws Exception {
        setUp(BackendKind.DUCKDB);
        register("train", train(), "target");
        trigger("train");
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_SUCCESS, 1);

        runner.setProperty("broken", "no_such_column + 1");
        runner.setProperty(GenerateFeatures.REFIT, "true");
        MockFlowFile failed = trigger(null);
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_FAILURE, 1);
        assertThat(failed.getAttribute("mdm.error.message")).contains("custom feature 'broken'");
        Dataset dataset = store().open("shop");
        try (Connection connection = dataset.openReadConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM "
                     + dataset.backend().qualified(dataset.schema(), "train_features"))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(50);
        }

        runner.removeProperty("broken");
        runner.clearTransferState();
        runner.enqueue("x", Map.of("mdm.dataset.name", "no_such_dataset"));
        runner.run();
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_FAILURE, 1);
        assertThat(runner.getFlowFilesForRelationship(GenerateFeatures.REL_FAILURE).get(0)
                .getAttribute("mdm.error.message")).contains("no_such_dataset");

        runner.clearTransferState();
        runner.enqueue("x", Map.of("mdm.dataset.name", "shop", "mdm.table", "nope"));
        runner.run();
        runner.assertAllFlowFilesTransferred(GenerateFeatures.REL_FAILURE, 1);
        assertThat(runner.getFlowFilesForRelationship(GenerateFeatures.REL_FAILURE).get(0)
                .getAttribute("mdm.error.message")).contains("'nope'");
    }
}
