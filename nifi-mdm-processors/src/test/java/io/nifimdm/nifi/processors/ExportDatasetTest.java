package io.nifimdm.nifi.processors;

import io.nifimdm.core.backend.BackendKind;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportDatasetTest {

    private static final String TRAIN = "id,\"my col\",score,day\n"
            + "1,alpha,1.23456789012345,2024-01-01\n"
            + "2,\"x,y\",,2024-01-02\n"
            + "3,,-7.5,2024-01-03\n"
            + "4,\"\",0.1,2024-01-04\n";
    private static final String TEST = "id,\"my col\"\n10,b\n11,Zoë\n";

    @TempDir
    Path directory;

    private TestRunner runner;
    private StoreServices services;

    private void start(BackendKind kind) throws Exception {
        runner = TestRunners.newTestRunner(ExportDataset.class);
        services = StoreServices.add(runner, kind, directory);
        runner.setProperty(ExportDataset.DATASET_STORE, StoreServices.SERVICE_ID);
        DatasetStore store = ((MdmDatasetStore) runner.getControllerService(StoreServices.SERVICE_ID))
                .getDatasetStore();
        register(store, "train", TRAIN);
        register(store, "test", TEST);
    }

    private static void register(DatasetStore store, String table, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        DatasetRegistrar.standard(store).register(RegistrationRequest.of("shop", table, RegistrationMode.CREATE),
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
    }

    @AfterEach
    void cleanUp() {
        if (services != null) {
            services.close();
        }
    }

    private void trigger() {
        runner.enqueue("", Map.of("mdm.dataset.name", "shop"));
        runner.run();
    }

    private MockFlowFile output(String fileName) {
        return runner.getFlowFilesForRelationship(ExportDataset.REL_SUCCESS).stream()
                .filter(f -> fileName.equals(f.getAttribute("filename"))).findFirst().orElseThrow(() ->
                        new AssertionError("no " + fileName + " in " + runner.getFlowFilesForRelationship(
                                ExportDataset.REL_SUCCESS).stream().map(f -> f.getAttribute("filename")).toList()));
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void everyTableBecomesAGzippedCsvChildOfTheTriggerPlusTheMetadata(BackendKind kind) throws Exception {
        start(kind);
        runner.setProperty(ExportDataset.COMPRESSION, ExportCompressionValue.GZIP);
        trigger();

        runner.assertTransferCount(ExportDataset.REL_SUCCESS, 3);
        runner.assertTransferCount(ExportDataset.REL_ORIGINAL, 1);
        MockFlowFile train = output("shop_train.csv.gz");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(train.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                    "id,my col,score,day\n1,alpha,1.23456789012345,2024-01-01\n2,\"x,y\",,2024-01-02\n"
                            + "3,,-7.5,2024-01-03\n4,\"\",0.1,2024-01-04\n");
        }
        train.assertAttributeEquals("mime.type", "application/gzip");
        train.assertAttributeEquals(MdmAttributes.TABLE, "train");
        train.assertAttributeEquals(MdmAttributes.ROW_COUNT, "4");
        train.assertAttributeEquals(MdmAttributes.EXPORT_FORMAT, "csv");
        train.assertAttributeEquals(MdmAttributes.EXPORT_COMPRESSION, "gzip");
        train.assertAttributeEquals(MdmAttributes.DATASET_NAME, "shop");
        output("shop_test.csv.gz").assertAttributeEquals(MdmAttributes.ROW_COUNT, "2");
        MockFlowFile metadata = output("shop_metadata.json");
        assertThat(metadata.getContent()).contains("\"dataset_name\" : \"shop\"").contains("\"my col\"");

        List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertThat(events).extracting(ProvenanceEventRecord::getEventType).filteredOn(t -> t == ProvenanceEventType.FETCH)
                .hasSize(3);
        assertThat(events).extracting(ProvenanceEventRecord::getEventType)
                .containsOnly(ProvenanceEventType.FORK, ProvenanceEventType.FETCH);
        assertThat(events).filteredOn(e -> e.getEventType() == ProvenanceEventType.FETCH)
                .extracting(ProvenanceEventRecord::getDetails)
                .anySatisfy(d -> assertThat(d).contains("table train").contains("4 rows"));
        assertThat(events).filteredOn(e -> e.getEventType() == ProvenanceEventType.FETCH)
                .extracting(ProvenanceEventRecord::getTransitUri).anySatisfy(u -> assertThat(u).endsWith("#train"))
                .allSatisfy(u -> assertThat(u).doesNotContain("password"));
    }

    @Test
    void listedTableAsParquetIsReadableWithItsTypes() throws Exception {
        start(BackendKind.DUCKDB);
        runner.setProperty(ExportDataset.TABLES, ExportTablesValue.LISTED);
        runner.setProperty(ExportDataset.TABLE_NAMES, "train");
        runner.setProperty(ExportDataset.FORMAT, ExportFormatValue.PARQUET);
        runner.setProperty(ExportDataset.COMPRESSION, ExportCompressionValue.ZSTD);
        runner.setProperty(ExportDataset.INCLUDE_METADATA, "false");
        trigger();

        runner.assertTransferCount(ExportDataset.REL_SUCCESS, 1);
        MockFlowFile parquet = output("shop_train.parquet");
        parquet.assertAttributeEquals("mime.type", "application/vnd.apache.parquet");
        byte[] bytes = parquet.toByteArray();
        assertThat(new String(Arrays.copyOfRange(bytes, 0, 4), StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        Path file = directory.resolve("check.parquet");
        Files.write(file, bytes);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet rs = statement.executeQuery("SELECT typeof(id), typeof(score), typeof(day), "
                     + "sum(score), count(\"my col\") FROM read_parquet('" + file + "') GROUP BY ALL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("BIGINT");
            assertThat(rs.getString(2)).isEqualTo("DOUBLE");
            assertThat(rs.getString(3)).isEqualTo("DATE");
            assertThat(rs.getDouble(4)).isEqualTo(1.23456789012345 - 7.5 + 0.1);
            assertThat(rs.getLong(5)).isEqualTo(3);
        }
    }

    @Test
    void asASourceJsonZipEntriesAreNamedLikeTheFileAndReportReceive() throws Exception {
        start(BackendKind.SQLITE);
        runner.setIncomingConnection(false);
        runner.setProperty(ExportDataset.DATASET_NAME, "shop");
        runner.setProperty(ExportDataset.TABLES, ExportTablesValue.ORIGINAL);
        runner.setProperty(ExportDataset.FORMAT, ExportFormatValue.JSON);
        runner.setProperty(ExportDataset.COMPRESSION, ExportCompressionValue.ZIP);
        runner.run();

        MockFlowFile test = output("shop_test.json.zip");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(test.toByteArray()))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("shop_test.json");
            assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("[{\"id\":10,\"my col\":\"b\"},{\"id\":11,\"my col\":\"Zoë\"}]");
        }
        assertThat(runner.getProvenanceEvents()).extracting(ProvenanceEventRecord::getEventType)
                .containsOnly(ProvenanceEventType.RECEIVE).hasSize(3);
    }

    @Test
    void unknownTablesAndMissingFeatureTablesFailTheTrigger() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(ExportDataset.TABLES, ExportTablesValue.LISTED);
        runner.setProperty(ExportDataset.TABLE_NAMES, "train, nope");
        trigger();
        runner.assertTransferCount(ExportDataset.REL_SUCCESS, 0);
        runner.assertTransferCount(ExportDataset.REL_FAILURE, 1);
        assertThat(runner.getFlowFilesForRelationship(ExportDataset.REL_FAILURE).get(0)
                .getAttribute(MdmAttributes.ERROR_MESSAGE)).contains("Table 'nope' not found");

        runner.clearTransferState();
        runner.setProperty(ExportDataset.TABLES, ExportTablesValue.FEATURES);
        trigger();
        runner.assertTransferCount(ExportDataset.REL_FAILURE, 1);
        runner.assertTransferCount(ExportDataset.REL_SUCCESS, 0);

        runner.clearTransferState();
        runner.setProperty(ExportDataset.TABLES, ExportTablesValue.ALL);
        runner.enqueue("", Map.of("mdm.dataset.name", "missing"));
        runner.run();
        runner.assertTransferCount(ExportDataset.REL_FAILURE, 1);
    }

    @Test
    void unsupportedCompressionIsAValidationError() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(ExportDataset.FORMAT, ExportFormatValue.CSV);
        runner.setProperty(ExportDataset.COMPRESSION, ExportCompressionValue.SNAPPY);
        runner.assertNotValid();
        runner.setProperty(ExportDataset.FORMAT, ExportFormatValue.PARQUET);
        runner.assertValid();
        runner.setProperty(ExportDataset.COMPRESSION, ExportCompressionValue.ZIP);
        runner.assertNotValid();
        runner.setProperty(ExportDataset.FORMAT, ExportFormatValue.CSV);
        runner.setProperty(ExportDataset.DELIMITER, ";;");
        runner.assertNotValid();
        runner.setProperty(ExportDataset.DELIMITER, "\\t");
        runner.assertValid();
    }
}
