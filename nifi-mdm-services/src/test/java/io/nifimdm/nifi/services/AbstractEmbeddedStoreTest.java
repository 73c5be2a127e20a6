package io.nifimdm.nifi.services;

import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.MockControllerServiceInitializationContext;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.nifimdm.nifi.services.ServiceTests.explanation;
import static io.nifimdm.nifi.services.ServiceTests.invalidExplanations;
import static io.nifimdm.nifi.services.ServiceTests.messageChain;
import static io.nifimdm.nifi.services.ServiceTests.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour both embedded stores (SQLite, DuckDB) share: a storage directory with one file per dataset. */
abstract class AbstractEmbeddedStoreTest {

    @TempDir
    Path tempDir;

    Path storageDir;
    AbstractMdmDatasetStore service;
    TestRunner runner;

    abstract AbstractMdmDatasetStore newService();

    abstract PropertyDescriptor storageDirectoryProperty();

    abstract String fileExtension();

    @BeforeEach
    void setUp() throws Exception {
        storageDir = tempDir.resolve("datasets");
        service = newService();
        runner = ServiceTests.runnerWith(service);
        runner.setProperty(service, storageDirectoryProperty(), storageDir.toString());
    }

    @Test
    void defaultsAreValidAndDirectoryIsCreatedOnlyOnEnable() {
        runner.assertValid(service);
        assertThat(storageDir).doesNotExist();
        runner.enableControllerService(service);
        assertThat(storageDir).isDirectory();
    }

    @Test
    void storageDirectoryThatIsAFileIsInvalid() throws IOException {
        Path file = Files.writeString(tempDir.resolve("not-a-dir"), "x");
        runner.setProperty(service, storageDirectoryProperty(), file.toString());
        runner.assertNotValid(service);
        assertThat(invalidExplanations(runner, service)).contains("Storage Directory").contains(file.toString())
                .contains("is a file, not a directory");
    }

    @Test
    void storageDirectoryThatCannotBeCreatedIsInvalid() throws IOException {
        Path file = Files.writeString(tempDir.resolve("blocker"), "x");
        runner.setProperty(service, storageDirectoryProperty(), file.resolve("datasets").toString());
        runner.assertNotValid(service);
        assertThat(invalidExplanations(runner, service)).contains("cannot be created because '" + file + "' is a file");
    }

    @Test
    void storageDirectoryTakesEnvironmentExpressions() {
        runner.setEnvironmentVariableValue("MDM_TEST_HOME", tempDir.toString());
        runner.setProperty(service, storageDirectoryProperty(), "${MDM_TEST_HOME}/from-env");
        runner.assertValid(service);
        runner.enableControllerService(service);
        service.getDatasetStore().create("env_check", null);
        assertThat(tempDir.resolve("from-env").resolve("env_check." + fileExtension())).isRegularFile();
    }

    @Test
    void connectionByDatasetAttributeRunsRealSql() throws Exception {
        runner.enableControllerService(service);
        service.getDatasetStore().create("Sales-2024", "Sales");
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "sales_2024",
                "other", "ignored"))) {
            SqlRoundTrip.writeAndReadBack(connection);
        }
        assertThat(storageDir.resolve("sales_2024." + fileExtension())).isRegularFile();
    }

    @Test
    void connectionWithoutDatasetAttributeSaysTheAttributeIsRequired() {
        runner.enableControllerService(service);
        assertThatThrownBy(() -> service.getConnection()).isInstanceOf(ProcessException.class)
                .hasMessageContaining("'mdm.dataset.name' is required");
        assertThatThrownBy(() -> service.getConnection(Map.of("filename", "x.csv"))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("'mdm.dataset.name' is required");
        assertThatThrownBy(() -> service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, " ")))
                .isInstanceOf(ProcessException.class).hasMessageContaining("'mdm.dataset.name' is required");
    }

    @Test
    void connectionToUnknownOrInvalidDatasetFailsNamingIt() {
        runner.enableControllerService(service);
        assertThatThrownBy(() -> service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "no_such_set")))
                .isInstanceOf(ProcessException.class).hasMessageContaining("Dataset 'no_such_set'")
                .hasMessageContaining("does not exist");
        assertThat(storageDir.resolve("no_such_set." + fileExtension())).doesNotExist();
        assertThatThrownBy(() -> service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "../escape")))
                .isInstanceOf(ProcessException.class).hasMessageContaining("../escape");
        assertThat(tempDir.resolve("escape." + fileExtension())).doesNotExist();
    }

    @Test
    void concurrentConnectionsOfOneDatasetAllCommit() throws Exception {
        runner.enableControllerService(service);
        service.getDatasetStore().create("busy", null);
        Map<String, String> attributes = Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "busy");
        try (Connection connection = service.getConnection(attributes);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE events (writer INTEGER, seq INTEGER)");
        }
        int writers = 4;
        int rowsPerWriter = 250;
        var pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int id = writer;
                futures.add(pool.submit(() -> {
                    // as PutDatabaseRecord does: one transaction of batched inserts per FlowFile
                    try (Connection connection = service.getConnection(attributes);
                         var insert = connection.prepareStatement("INSERT INTO events VALUES (?, ?)")) {
                        connection.setAutoCommit(false);
                        for (int seq = 0; seq < rowsPerWriter; seq++) {
                            insert.setInt(1, id);
                            insert.setInt(2, seq);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        connection.commit();
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = service.getConnection(attributes)) {
            assertThat(ServiceTests.query(connection, "SELECT count(*), count(DISTINCT writer) FROM events"))
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(((Number) row.get(0)).intValue()).isEqualTo(writers * rowsPerWriter);
                        assertThat(((Number) row.get(1)).intValue()).isEqualTo(writers);
                    });
        }
    }

    @Test
    void storeIsUnavailableWhileDisabledAndReopensOnEnable() throws Exception {
        runner.enableControllerService(service);
        DatasetStore first = service.getDatasetStore();
        first.create("kept", null);
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "kept"))) {
            SqlRoundTrip.writeAndReadBack(connection);
        }

        runner.disableControllerService(service);
        assertThatThrownBy(service::getDatasetStore).isInstanceOf(ProcessException.class)
                .hasMessageContaining("not enabled");
        assertThatThrownBy(() -> service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "kept")))
                .isInstanceOf(ProcessException.class).hasMessageContaining("not enabled");

        runner.enableControllerService(service);
        assertThat(service.getDatasetStore()).isNotSameAs(first);
        assertThat(service.getDatasetStore().exists("kept")).isTrue();
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "kept"))) {
            SqlRoundTrip.assertRowsStillThere(connection);
        }
        runner.disableControllerService(service);
        runner.enableControllerService(service);
        assertThat(service.getDatasetStore().list()).hasSize(1);
    }

    @Test
    void secondServiceOnTheSameDirectoryFailsToEnableUntilTheFirstIsDisabled() throws Exception {
        runner.enableControllerService(service);
        service.getDatasetStore().create("shared", null);

        AbstractMdmDatasetStore second = newService();
        runner.addControllerService("second-store", second);
        runner.setProperty(second, storageDirectoryProperty(), storageDir.toString());
        runner.assertValid(second);
        assertThatThrownBy(() -> runner.enableControllerService(second))
                .satisfies(e -> assertThat(messageChain(e)).contains("Cannot open the").contains(storageDir.toString())
                        .contains("already in use"));
        assertThatThrownBy(second::getDatasetStore).isInstanceOf(ProcessException.class);

        runner.disableControllerService(service);
        runner.enableControllerService(second);
        assertThat(second.getDatasetStore().exists("shared")).isTrue();
        runner.disableControllerService(second);
    }

    @Test
    void verificationCreatesQueriesAndDropsAProbeDataset() throws IOException {
        List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertThat(outcomes(results)).containsExactly(
                Map.entry(AbstractMdmDatasetStore.STEP_OPEN, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_CREATE_PROBE, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_QUERY_PROBE, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_DROP_PROBE, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_CLUSTER, Outcome.SUCCESSFUL));
        assertThat(explanation(results, AbstractMdmDatasetStore.STEP_OPEN)).contains(engineVersionPrefix())
                .contains(storageDir.toString());
        try (Stream<Path> files = Files.list(storageDir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("mdm_verify_") && name.endsWith("." + fileExtension()));
        }
    }

    @Test
    void verificationReportsAnUnusableDirectory() throws IOException {
        Path file = Files.writeString(tempDir.resolve("blocker"), "x");
        runner.setProperty(service, storageDirectoryProperty(), file.resolve("datasets").toString());
        List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertThat(outcomes(results)).containsEntry(AbstractMdmDatasetStore.STEP_OPEN, Outcome.FAILED)
                .containsEntry(AbstractMdmDatasetStore.STEP_CREATE_PROBE, Outcome.SKIPPED)
                .containsEntry(AbstractMdmDatasetStore.STEP_DROP_PROBE, Outcome.SKIPPED);
        assertThat(explanation(results, AbstractMdmDatasetStore.STEP_OPEN)).contains(file.toString());
    }

    @Test
    void clusteredNodeIsWarnedThatDatasetsAreNodeLocal() throws Exception {
        AbstractMdmDatasetStore clustered = newService();
        MockControllerServiceInitializationContext init =
                new MockControllerServiceInitializationContext(clustered, "clustered-store");
        init.setClustered(true);
        clustered.initialize(init);
        MockConfigurationContext configuration = new MockConfigurationContext(clustered,
                Map.of(storageDirectoryProperty(), storageDir.toString()), init, Map.of());

        List<ConfigVerificationResult> results = clustered.verify(configuration, init.getLogger(), Map.of());

        assertThat(outcomes(results)).containsEntry(AbstractMdmDatasetStore.STEP_OPEN, Outcome.SUCCESSFUL)
                .containsEntry(AbstractMdmDatasetStore.STEP_CLUSTER, Outcome.FAILED);
        assertThat(explanation(results, AbstractMdmDatasetStore.STEP_CLUSTER)).contains("NiFi runs clustered")
                .contains("PostgreSQLDatasetStore");
        clustered.onEnabled(configuration);
        try {
            MockComponentLog log = (MockComponentLog) init.getLogger();
            assertThat(log.getWarnMessages()).hasSize(1)
                    .allSatisfy(message -> assertThat(message.getMsg()).contains("node's own disk"));
        } finally {
            clustered.onDisabled();
        }
    }

    @Test
    void standaloneNodeIsNotWarned() {
        runner.enableControllerService(service);
        assertThat(runner.getControllerServiceLogger(ServiceTests.SERVICE_ID).getWarnMessages()).isEmpty();
    }

    /** How the engine's version string starts ("SQLite", "DuckDB"). */
    abstract String engineVersionPrefix();
}
