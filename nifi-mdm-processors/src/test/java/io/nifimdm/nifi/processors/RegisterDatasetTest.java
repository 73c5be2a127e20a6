package io.nifimdm.nifi.processors;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterDatasetTest {

    @TempDir
    Path directory;

    private TestRunner runner;
    private long nextFlowFileId = 1_000;
    private StoreServices services;

    private void start(BackendKind kind) throws Exception {
        runner = TestRunners.newTestRunner(RegisterDataset.class);
        services = StoreServices.add(runner, kind, directory);
        runner.setProperty(RegisterDataset.DATASET_STORE, StoreServices.SERVICE_ID);
    }

    @AfterEach
    void cleanUp() {
        if (services != null) {
            services.close();
        }
    }

    private MockFlowFile register(String content, Map<String, String> attributes) {
        return register(content.getBytes(StandardCharsets.UTF_8), attributes);
    }

    private MockFlowFile register(byte[] content, Map<String, String> attributes) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        if (attributes.containsKey("uuid")) {
            // A FlowFile coming back from the repository after a crash keeps its UUID; enqueue(content, attributes)
            // would give it a new one.
            MockFlowFile replayable = new MockFlowFile(nextFlowFileId++);
            replayable.putAttributes(attributes);
            replayable.setData(content);
            runner.enqueue(replayable);
        } else {
            runner.enqueue(content, attributes);
        }
        runner.run();
        List<MockFlowFile> success = runner.getFlowFilesForRelationship(RegisterDataset.REL_SUCCESS);
        List<MockFlowFile> failure = runner.getFlowFilesForRelationship(RegisterDataset.REL_FAILURE);
        assertThat(success.size() + failure.size()).isEqualTo(1);
        return success.isEmpty() ? failure.get(0) : success.get(0);
    }

    private static Map<String, String> file(String dataset, String filename) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("mdm.dataset.name", dataset);
        attributes.put("filename", filename);
        return attributes;
    }

    private long count(String dataset, String table) throws SQLException {
        MdmDatasetStore store = (MdmDatasetStore) runner.getControllerService(StoreServices.SERVICE_ID);
        try (Connection connection = store.getConnection(Map.of("mdm.dataset.name", dataset));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void registersContentWritesAttributesAndReportsSend(BackendKind kind) throws Exception {
        start(kind);
        MockFlowFile out = register("id,value\n1,100\n", file("Spec-Case", "train.csv"));

        runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 1);
        out.assertAttributeEquals("mdm.dataset.name", "spec_case");
        out.assertAttributeEquals("mdm.table", "train");
        out.assertAttributeEquals("mdm.backend", kind.id());
        out.assertAttributeEquals("mdm.row.count", "1");
        out.assertAttributeEquals("mdm.column.count", "2");
        out.assertAttributeEquals("mdm.id.columns", "id");
        out.assertAttributeEquals("mdm.duplicate", "false");
        out.assertAttributeEquals("mdm.dataset.created", "true");
        List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getEventType()).isEqualTo(ProvenanceEventType.SEND);
        assertThat(events.get(0).getTransitUri()).isEqualTo(out.getAttribute("mdm.transit.uri"))
                .startsWith("jdbc:" + kind.id()).contains("spec_case").doesNotContain("password");
        assertThat(events.get(0).getDetails()).contains("1 rows").contains("train");
        assertThat(runner.getCounterValue("Rows registered")).isEqualTo(1L);
        assertThat(count("spec_case", "train")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aReplayedFlowFileIsRecognisedAndNotLoadedTwice(BackendKind kind) throws Exception {
        start(kind);
        runner.setProperty(RegisterDataset.REGISTRATION_MODE, RegistrationModeValue.APPEND.getValue());
        Map<String, String> attributes = file("replay", "data.csv");
        attributes.put("uuid", "7f1d3c52-3b0e-4c47-9a65-1f0e1c0b9a11");
        register("a,b\n1,2\n3,4\n", attributes);
        MockFlowFile replay = register("a,b\n1,2\n3,4\n", attributes);

        runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 1);
        replay.assertAttributeEquals("mdm.duplicate", "true");
        replay.assertAttributeEquals("mdm.row.count", "0");
        assertThat(runner.getProvenanceEvents()).isEmpty();
        assertThat(count("replay", "data")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void badContentGoesToFailureAndTheProcessorKeepsGoing(BackendKind kind) throws Exception {
        start(kind);
        MockFlowFile empty = register(new byte[0], file("bad", "train.csv"));
        runner.assertTransferCount(RegisterDataset.REL_FAILURE, 1);
        assertThat(empty.getAttribute("mdm.error.message")).isNotBlank();
        assertThat(empty.isPenalized()).isTrue();

        MockFlowFile ragged = register("a,b\n1,2\n3,4,5\n", file("bad", "train.csv"));
        runner.assertTransferCount(RegisterDataset.REL_FAILURE, 1);
        assertThat(ragged.getAttribute("mdm.error.message")).contains("3");

        MockFlowFile headerOnly = register("a,b\n", file("bad", "train.csv"));
        runner.assertTransferCount(RegisterDataset.REL_FAILURE, 1);
        assertThat(headerOnly.getAttribute("mdm.error.message")).isNotBlank();

        MockFlowFile good = register("a,b\n1,2\n", file("bad", "train.csv"));
        runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 1);
        good.assertAttributeEquals("mdm.table.row.count", "1");
        assertThat(runner.getProvenanceEvents()).extracting(ProvenanceEventRecord::getEventType)
                .containsExactly(ProvenanceEventType.SEND);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void specInputCasesRegisterOnEveryEngine(BackendKind kind) throws Exception {
        start(kind);
        // Case 7: delimiters sniffed.
        assertThat(register("a;b;c\n1;2;3\n4;5;6\n", file("delims", "semi.csv")).getAttribute("mdm.column.count"))
                .isEqualTo("3");
        assertThat(register("a|b\n1|2\n", file("delims", "pipe.csv")).getAttribute("mdm.column.count"))
                .isEqualTo("2");
        assertThat(register("a\tb\n1\t2\n", file("delims", "tabs.tsv")).getAttribute("mdm.column.count"))
                .isEqualTo("2");
        // Case 11: 100-row data.csv.gz and data.json.
        StringBuilder csv = new StringBuilder("id,x\n");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i * 1.5).append('\n');
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"x\":").append(i * 1.5).append('}');
        }
        json.append(']');
        assertThat(register(gzip(csv.toString()), file("gz", "data.csv.gz")).getAttribute("mdm.row.count"))
                .isEqualTo("100");
        assertThat(register(json.toString(), file("js", "data.json")).getAttribute("mdm.row.count"))
                .isEqualTo("100");
        MockFlowFile parquet = register(parquet(100), file("pq", "data.parquet"));
        assertThat(parquet.getAttribute("mdm.error.message")).isNull();
        parquet.assertAttributeEquals("mdm.row.count", "100");
        // Case 19: quoted commas, doubled quotes, CJK and emoji.
        MockFlowFile quoted = register("name,amount\n\"Smith, John\",100\n\"say \"\"hi\"\"\",200\n東京,300\n😀,400\n",
                file("quoted", "data.csv"));
        quoted.assertAttributeEquals("mdm.row.count", "4");
        // Case 18: a zero-byte train.csv is an error.
        register(new byte[0], file("zero", "train.csv"));
        runner.assertTransferCount(RegisterDataset.REL_FAILURE, 1);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void kaggleFolderGivesTargetIdsAndProblemType(BackendKind kind) throws Exception {
        start(kind);
        StringBuilder train = new StringBuilder("id,feature1,feature2,target\n");
        for (int i = 0; i < 100; i++) {
            train.append(i).append(',').append(i * 0.1).append(',').append(i % 5).append(',').append(i % 3)
                    .append('\n');
        }
        StringBuilder test = new StringBuilder("id,feature1,feature2\n");
        for (int i = 0; i < 50; i++) {
            test.append(100 + i).append(',').append(i * 0.1).append(',').append(i % 5).append('\n');
        }
        register(train.toString(), file("kaggle", "train.csv"));
        register(test.toString(), file("kaggle", "test.csv"));
        MockFlowFile submission = register("id,target\n100,0\n101,1\n", file("kaggle", "sample_submission.csv"));

        submission.assertAttributeEquals("mdm.table", "sample_submission");
        submission.assertAttributeEquals("mdm.target.column", "target");
        submission.assertAttributeEquals("mdm.id.columns", "id");
        submission.assertAttributeEquals("mdm.problem.type", "multiclass_classification");
    }

    @Test
    void readsThroughAConfiguredRecordReader() throws Exception {
        start(BackendKind.SQLITE);
        TestRecordReaders.PipeDelimitedReaderFactory reader = new TestRecordReaders.PipeDelimitedReaderFactory();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        runner.setProperty(RegisterDataset.RECORD_READER, "reader");
        MockFlowFile out = register("1|0.1|2024-01-02|2024-01-02 03:04:05|Ann\n2||2024-02-03|2024-02-03 00:00:00|Bo\n",
                file("records", "data.avro"));

        runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 1);
        out.assertAttributeEquals("mdm.row.count", "2");
        out.assertAttributeEquals("mdm.column.count", "5");
        MdmDatasetStore store = (MdmDatasetStore) runner.getControllerService(StoreServices.SERVICE_ID);
        try (Connection connection = store.getConnection(Map.of("mdm.dataset.name", "records"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT score, day, at FROM data ORDER BY id")) {
            rows.next();
            assertThat(rows.getDouble(1)).isEqualTo(0.1);
            assertThat(rows.getString(2)).isEqualTo("2024-01-02");
            assertThat(rows.getString(3)).startsWith("2024-01-02 03:04:05");
            rows.next();
            assertThat(rows.getObject(1)).isNull();
        }
    }

    @Test
    void invalidSettingsAreReportedOnTheCanvas() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(RegisterDataset.BATCH_SIZE, "0");
        runner.assertNotValid();
        runner.setProperty(RegisterDataset.BATCH_SIZE, "500");
        runner.assertValid();
        runner.setProperty(RegisterDataset.REGISTRATION_MODE, "Upsert");
        runner.assertNotValid();
    }

    @Test
    void aTableNameThatIsNotValidSendsTheFlowFileToFailure() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(RegisterDataset.TABLE_NAME, "${table}");
        Map<String, String> attributes = file("names", "x.csv");
        attributes.put("table", "drop table; --");
        MockFlowFile out = register("a\n1\n", attributes);

        runner.assertTransferCount(RegisterDataset.REL_FAILURE, 1);
        assertThat(out.getAttribute("mdm.error.message")).contains("alphanumeric");
    }

    @Test
    void anUnreachableDatabaseRollsTheFlowFileBackInsteadOfFailingIt() throws Exception {
        PostgresTestSupport.assumeAvailable();
        java.net.URI server = java.net.URI.create(PostgresTestSupport.urlWithoutQuery().substring("jdbc:".length()));
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            runner = TestRunners.newTestRunner(RegisterDataset.class);
            PostgreSQLDatasetStore service = new PostgreSQLDatasetStore();
            runner.addControllerService(StoreServices.SERVICE_ID, service);
            runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL,
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath());
            runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_USER,
                    PostgresTestSupport.settings(prefix).user());
            runner.setProperty(service, PostgreSQLDatasetStore.SCHEMA_PREFIX, prefix);
            runner.setProperty(service, PostgreSQLDatasetStore.CONNECT_TIMEOUT, "2 sec");
            runner.enableControllerService(service);
            runner.setProperty(RegisterDataset.DATASET_STORE, StoreServices.SERVICE_ID);
            register("a\n1\n", file("outage", "data.csv"));
            runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 1);

            proxy.close();
            runner.clearTransferState();
            runner.enqueue("a\n2\n", file("outage", "data.csv"));
            runner.run();

            runner.assertTransferCount(RegisterDataset.REL_SUCCESS, 0);
            runner.assertTransferCount(RegisterDataset.REL_FAILURE, 0);
            runner.assertQueueNotEmpty();
            assertThat(runner.getPenalizedFlowFiles()).hasSize(1);
            assertThat(runner.isYieldCalled()).isTrue();
        } finally {
            PostgresTestSupport.dropSchemas(prefix);
        }
    }

    /** A Parquet file written by DuckDB (an independent writer): id BIGINT, x DOUBLE, day DATE. */
    private byte[] parquet(int rows) throws Exception {
        Path file = directory.resolve("fixture-" + rows + ".parquet");
        try (Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT range AS id, range * 1.5 AS x, DATE '2024-01-01' + CAST(range AS INTEGER)"
                    + " AS day FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet)");
        }
        return java.nio.file.Files.readAllBytes(file);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
