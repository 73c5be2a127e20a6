package io.nifimdm.nifi.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each template's flow on the Kaggle-shaped fixture of examples/kaggle-sample, our processors for real (embedded
 * SQLite store; PostgreSQL as the migration's target), so a template that would produce nothing fails the build.
 */
class FlowDefinitionTemplatesEndToEndTest {

    private static final Path FIXTURE = TemplateFlow.repositoryRoot().resolve("examples/kaggle-sample");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void kaggleFolderBecomesParquetFeatureTables() throws Exception {
        TemplateFlow flow = TemplateFlow.load("kaggle-folder-to-features.json");
        Map<String, String> parameters = FlowDefinitionTemplatesTest.testParameterValues(flow, directory);
        FlowSimulator simulator = new FlowSimulator(flow, parameters, Map.of());

        simulator.runFrom("List Kaggle files");

        assertNoFailures(simulator);
        assertThat(simulator.routed("Register table", "success")).isEqualTo(3);
        // files are listed by name: sample_submission and test arrive before train, the fit table, so nothing is
        // built for them yet; train's arrival builds every table's features
        assertThat(simulator.routed("Features built?", "unmatched")).isEqualTo(2);
        assertThat(simulator.routed("Features built?", "built")).isEqualTo(1);
        Map<String, FlowSimulator.Item> written = byFileName(simulator.received("Write files"));
        assertThat(written).containsKeys("churn_train_features.parquet", "churn_test_features.parquet",
                "churn_metadata.json");
        assertThat(written.get("churn_train_features.parquet").attribute(MdmAttributes.ROW_COUNT)).isEqualTo("200");
        assertThat(written.get("churn_test_features.parquet").attribute(MdmAttributes.ROW_COUNT)).isEqualTo("80");
        assertThat(written.get("churn_train_features.parquet").attribute(MdmAttributes.EXPORT_COMPRESSION))
                .isEqualTo("snappy");
        Path output = Path.of(parameters.get("Output Directory"));
        for (String name : List.of("churn_train_features.parquet", "churn_test_features.parquet")) {
            byte[] bytes = Files.readAllBytes(output.resolve(name));
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).as("Parquet magic of %s", name)
                    .isEqualTo("PAR1");
            assertThat(bytes.length).isGreaterThan(1000);
        }
        JsonNode metadata = JSON.readTree(output.resolve("churn_metadata.json").toFile());
        assertThat(metadata.toString()).contains("churned").contains("customer_id");
        FlowSimulator.Item registeredTrain = simulator.received("Generate features").stream()
                .filter(i -> "train".equals(i.attribute(MdmAttributes.TABLE))).findFirst().orElseThrow();
        assertThat(registeredTrain.attribute(MdmAttributes.TARGET_COLUMN)).isEqualTo("churned");
        assertThat(registeredTrain.attribute(MdmAttributes.ID_COLUMNS)).isEqualTo("customer_id");
    }

    @Test
    void scheduledReportCountsRowsPerCategory() throws Exception {
        TemplateFlow flow = TemplateFlow.load("scheduled-dataset-report.json");
        Map<String, String> parameters = FlowDefinitionTemplatesTest.testParameterValues(flow, directory);
        registerFixture(Path.of(parameters.get("Storage Directory")), "churn", "train.csv");
        FlowSimulator simulator = new FlowSimulator(flow, parameters, Map.of());

        simulator.runFrom("Aggregate per category");

        assertNoFailures(simulator);
        List<FlowSimulator.Item> reports = simulator.received("Write report");
        assertThat(reports).hasSize(1);
        List<String> lines = new String(reports.getFirst().content(), StandardCharsets.UTF_8).lines().toList();
        // the measure is "monthly income": a column name with a space, quoted in the parameter
        assertThat(lines.getFirst()).isEqualTo("plan:STRING,count:LONG,avg_monthly income:DOUBLE,"
                + "min_monthly income:DOUBLE,max_monthly income:DOUBLE");
        List<List<String>> fixture = parseCsv(Files.readString(FIXTURE.resolve("train.csv"), StandardCharsets.UTF_8));
        int plan = fixture.getFirst().indexOf("plan");
        int income = fixture.getFirst().indexOf("monthly income");
        Map<String, Long> expectedCounts = new TreeMap<>();
        Map<String, double[]> expectedIncome = new TreeMap<>();
        for (List<String> row : fixture.subList(1, fixture.size())) {
            expectedCounts.merge(row.get(plan), 1L, Long::sum);
            if (!row.get(income).isEmpty()) {
                double value = Double.parseDouble(row.get(income));
                double[] sum = expectedIncome.computeIfAbsent(row.get(plan), k -> new double[2]);
                sum[0] += value;
                sum[1]++;
            }
        }
        Map<String, Long> reportedCounts = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            reportedCounts.put(fields[0], Long.parseLong(fields[1]));
            double[] sum = expectedIncome.get(fields[0]);
            assertThat(Double.parseDouble(fields[2])).as("mean income of %s", fields[0])
                    .isCloseTo(sum[0] / sum[1], org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(reportedCounts).isEqualTo(expectedCounts);
        assertThat(lines.get(1).split(",")[1]).as("ordered by count DESC")
                .isEqualTo(Long.toString(expectedCounts.values().stream().mapToLong(Long::longValue).max()
                        .orElseThrow()));
        try (Stream<Path> files = Files.list(Path.of(parameters.get("Output Directory")))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void exportWritesEveryTableAsGzippedCsvAndParquet() throws Exception {
        TemplateFlow flow = TemplateFlow.load("export-dataset.json");
        Map<String, String> parameters = FlowDefinitionTemplatesTest.testParameterValues(flow, directory);
        registerFixture(Path.of(parameters.get("Storage Directory")), "churn", "train.csv", "test.csv",
                "sample_submission.csv");
        FlowSimulator simulator = new FlowSimulator(flow, parameters, Map.of());

        simulator.runFrom("Trigger export");

        assertNoFailures(simulator);
        Path output = Path.of(parameters.get("Output Directory"));
        Map<String, Integer> rows = Map.of("train", 200, "test", 80, "sample_submission", 80);
        for (Map.Entry<String, Integer> table : rows.entrySet()) {
            Path csv = output.resolve("churn_" + table.getKey() + ".csv.gz");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(csv)))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text.lines().findFirst().orElseThrow()).startsWith("customer_id,");
                assertThat(simulator.received("Write files").stream().filter(i -> i.attribute("filename")
                        .equals(csv.getFileName().toString())).findFirst().orElseThrow()
                        .attribute(MdmAttributes.ROW_COUNT)).isEqualTo(table.getValue().toString());
            }
            byte[] parquet = Files.readAllBytes(output.resolve("churn_" + table.getKey() + ".parquet"));
            assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }
        assertThat(output.resolve("churn_metadata.json")).exists();
        assertThat(simulator.routed("Export CSV (gzip)", "original")).isEqualTo(1);
        assertThat(simulator.routed("Export Parquet (snappy)", "original")).isEqualTo(1);
    }

    @Test
    void migrationKeepsTablesTypesTargetAndIdColumns() throws Exception {
        PostgresTestSupport.assumeAvailable();
        TemplateFlow flow = TemplateFlow.load("migrate-sqlite-to-postgresql.json");
        Map<String, String> parameters = FlowDefinitionTemplatesTest.testParameterValues(flow, directory);
        Path storage = Path.of(parameters.get("Storage Directory"));
        registerFixture(storage, "churn", "train.csv", "test.csv", "sample_submission.csv");
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        FlowSimulator simulator = new FlowSimulator(flow, parameters,
                Map.of("Target PostgreSQL dataset store", Map.of("Schema Prefix", prefix)));
        try {
            simulator.runFrom("Trigger migration");

            assertNoFailures(simulator);
            assertThat(simulator.routed("Register into PostgreSQL", "success")).isEqualTo(3);
            assertThat(simulator.routed("Archive source metadata", "success")).isEqualTo(1);
            assertThat(Path.of(parameters.get("Metadata Directory")).resolve("churn_metadata.json")).exists();
            TestRunner runner = sqliteStoreRunner(storage);
            try (DatasetStore target = DatasetStores.postgres(PostgresTestSupport.settings(prefix))) {
                DatasetStore source = ((MdmDatasetStore) runner.getControllerService("source")).getDatasetStore();
                assertSameDataset(source.open("churn"), target.open("churn"));
            } finally {
                runner.disableControllerService(runner.getControllerService("source"));
                runner.shutdown();
            }
        } finally {
            PostgresTestSupport.dropSchemas(prefix);
        }
    }

    private static void assertSameDataset(Dataset source, Dataset target) throws Exception {
        try (Connection sourceConnection = source.openReadConnection();
             Connection targetConnection = target.openReadConnection()) {
            DatasetInfo sourceInfo = source.metadata().readInfo(sourceConnection);
            DatasetInfo targetInfo = target.metadata().readInfo(targetConnection);
            assertThat(targetInfo.targetColumn()).isEqualTo(sourceInfo.targetColumn()).isEqualTo("churned");
            assertThat(targetInfo.idColumns()).isEqualTo(sourceInfo.idColumns()).containsExactly("customer_id");
            assertThat(targetInfo.problemType()).isEqualTo(sourceInfo.problemType());
            assertThat(targetInfo.backend()).isEqualTo(BackendKind.POSTGRESQL);
            List<TableInfo> sourceTables = source.metadata().tables(sourceConnection);
            assertThat(target.metadata().tables(targetConnection)).extracting(TableInfo::name, TableInfo::rowCount)
                    .containsExactlyInAnyOrderElementsOf(sourceTables.stream()
                            .map(t -> org.assertj.core.groups.Tuple.tuple(t.name(), t.rowCount())).toList());
            for (TableInfo table : sourceTables) {
                assertThat(columns(target, targetConnection, table.name())).as("columns of %s", table.name())
                        .isEqualTo(columns(source, sourceConnection, table.name()));
            }
        }
    }

    /** Name, storage type, semantic type and role of each column, in order. */
    private static List<String> columns(Dataset dataset, Connection connection, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        for (ColumnInfo column : dataset.metadata().columns(connection, table)) {
            columns.add(column.name() + " " + column.storageType() + " " + column.semanticType() + " "
                    + column.role());
        }
        return columns;
    }

    private static TestRunner sqliteStoreRunner(Path storage) throws Exception {
        TestRunner runner = TestRunners.newTestRunner(RegisterDataset.class);
        SQLiteDatasetStore service = new SQLiteDatasetStore();
        runner.addControllerService("source", service);
        runner.setProperty(service, SQLiteDatasetStore.STORAGE_DIRECTORY, storage.toString());
        runner.enableControllerService(service);
        return runner;
    }

    /** Registers fixture files into a SQLite store as the first template would, then releases the store. */
    private static void registerFixture(Path storage, String dataset, String... files) throws Exception {
        TestRunner runner = TestRunners.newTestRunner(RegisterDataset.class);
        StoreServices.add(runner, BackendKind.SQLITE, storage);
        runner.setProperty(RegisterDataset.DATASET_STORE, StoreServices.SERVICE_ID);
        runner.setProperty(RegisterDataset.DATASET_NAME, dataset);
        for (String file : files) {
            runner.enqueue(Files.readAllBytes(FIXTURE.resolve(file)), Map.of("filename", file));
        }
        runner.run(files.length);
        runner.assertAllFlowFilesTransferred(RegisterDataset.REL_SUCCESS, files.length);
        runner.disableControllerService(runner.getControllerService(StoreServices.SERVICE_ID));
        runner.shutdown();
    }

    private static void assertNoFailures(FlowSimulator simulator) {
        assertThat(simulator.failed()).as("failed FlowFiles: %s", simulator.failed().stream()
                .map(i -> i.attribute("filename") + ": " + i.attribute(MdmAttributes.ERROR_MESSAGE)).toList())
                .isEmpty();
    }

    private static Map<String, FlowSimulator.Item> byFileName(List<FlowSimulator.Item> items) {
        Map<String, FlowSimulator.Item> byName = new HashMap<>();
        items.forEach(i -> byName.put(i.attribute("filename"), i));
        return byName;
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
