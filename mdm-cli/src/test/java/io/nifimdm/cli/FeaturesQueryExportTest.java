package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifimdm.core.backend.BackendKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** register -> features -> query -> export through {@link Main#run}, on every engine. */
class FeaturesQueryExportTest {

    @TempDir
    Path tempDir;

    private static final Path EXAMPLE = Path.of("..", "examples", "kaggle-sample").toAbsolutePath().normalize();

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void featuresAreBuiltForEveryTableAndReportedByInfo(BackendKind kind) throws Exception {
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", EXAMPLE.toString()).code()).isZero();
            Cli.Result built = cli.run("features", "shop", "-f", "json");
            assertThat(built.code()).as(built.toString()).isZero();
            JsonNode report = built.json();
            assertThat(report.get("fitted").asBoolean()).isTrue();
            assertThat(report.get("fitTable").asText()).isEqualTo("train");
            assertThat(report.get("featureTables").get("train_features").asLong()).isEqualTo(200);
            assertThat(report.get("featureTables").get("test_features").asLong()).isEqualTo(80);
            assertThat(report.get("featureCount").asInt()).isPositive();

            JsonNode info = cli.run("info", "shop", "-f", "json").json();
            JsonNode features = CommandsAcrossEnginesTest.find(info.get("tables"), "name", "train_features");
            assertThat(features.get("kind").asText()).isEqualTo("features");
            assertThat(features.get("source_table").asText()).isEqualTo("train");

            Cli.Result again = cli.run("features", "shop");
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).startsWith("Applied the stored feature plan (fitted on train)");
            Cli.Result refit = cli.run("features", "shop", "--refit", "--no-text", "--squared");
            assertThat(refit.out()).startsWith("Fitted a feature plan on train (version 2)");

            Cli.Result badTable = cli.run("features", "shop", "--tables", "nope");
            assertThat(badTable.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(badTable.err()).startsWith("error: ").contains("nope");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void registerGeneratesFeaturesUnlessTold(BackendKind kind) {
        try (Cli cli = Cli.on(kind, tempDir)) {
            Cli.Result registered = cli.run("register", "with", EXAMPLE.toString(), "-f", "json");
            assertThat(registered.code()).as(registered.toString()).isZero();
            JsonNode features = registered.json().get("features");
            assertThat(features.get("fitted").asBoolean()).isTrue();
            assertThat(features.get("fit_table").asText()).isEqualTo("train");
            assertThat(features.get("feature_tables").get("train_features").asLong()).isEqualTo(200);
            assertThat(features.get("feature_tables").get("test_features").asLong()).isEqualTo(80);
            assertThat(features.get("feature_count").asInt()).isPositive();
            assertThat(registered.err()).isEmpty();

            Cli.Result without = cli.run("register", "without", EXAMPLE.toString(), "--no-features", "-f", "json");
            assertThat(without.json().get("features").isNull()).isTrue();
            JsonNode info = cli.run("info", "without", "-f", "json").json();
            assertThat(info.get("tables")).hasSize(3);
            info.get("tables").forEach(table -> assertThat(table.get("kind").asText()).isEqualTo("data"));

            // a test table alone has nothing to fit on yet: registered, features pending
            Cli.Result testOnly = cli.run("register", "later", EXAMPLE.resolve("test.csv").toString());
            assertThat(testOnly.code()).as(testOnly.toString()).isZero();
            assertThat(testOnly.out()).contains("Features:     not yet (no train or data table to fit on)");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void queryFiltersAggregatesSamplesAndRunsReadOnlySql(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();

            Cli.Result filtered = cli.run("query", "shop", "--filter", "{\"id\": {\"<\": 10}}", "--columns",
                    "id, \"unit price\"", "--order-by", "id DESC", "-f", "json");
            assertThat(filtered.code()).as(filtered.toString()).isZero();
            JsonNode rows = filtered.json();
            assertThat(rows).hasSize(10);
            assertThat(rows.get(0).get("id").asLong()).isEqualTo(9);
            assertThat(rows.get(0).has("unit price")).isTrue();
            assertThat(rows.get(0).has("label")).isFalse();
            assertThat(rows.get(2).get("id").asLong()).isEqualTo(7);
            assertThat(rows.get(2).get("unit price").isNull()).isTrue(); // every seventh price is missing
            assertThat(rows.get(3).get("unit price").isNull()).isFalse();

            JsonNode grouped = cli.run("query", "shop", "--group-by", "label", "--agg", "count(*)", "--order-by",
                    "label", "-f", "json").json();
            assertThat(grouped).hasSize(2);
            assertThat(grouped.get(0).get("count").asLong() + grouped.get(1).get("count").asLong())
                    .isEqualTo(SampleFiles.TRAIN_ROWS);

            JsonNode sampled = cli.run("query", "shop", "--sample", "20", "--seed", "7", "-f", "json").json();
            assertThat(sampled).hasSize(20);
            assertThat(cli.run("query", "shop", "--sample", "20", "--seed", "7", "-f", "json").json())
                    .isEqualTo(sampled);

            Cli.Result sql = cli.run("query", "shop", "--sql", "SELECT count(*) AS n FROM test", "-f", "csv");
            assertThat(sql.code()).as(sql.toString()).isZero();
            assertThat(sql.out()).isEqualTo("n\r\n" + SampleFiles.TEST_ROWS + "\r\n");

            Cli.Result write = cli.run("query", "shop", "--sql", "DELETE FROM train");
            assertThat(write.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(write.err()).startsWith("error: ");
            assertThat(cli.run("query", "shop", "--sql", "SELECT count(*) AS n FROM train", "-f", "csv").out())
                    .contains(Long.toString(SampleFiles.TRAIN_ROWS));

            Cli.Result human = cli.run("query", "shop");
            assertThat(human.out()).contains("50 rows shown; more match");
            Cli.Result badFilter = cli.run("query", "shop", "--filter", "{\"id\": {\"~\": 1}}");
            assertThat(badFilter.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(badFilter.err().lines().toList()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void exportWritesEveryTableAndTheMetadata(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        Path out = tempDir.resolve("out");
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();
            Cli.Result exported = cli.run("export", "shop", "--output-dir", out.toString(), "--compression", "gzip",
                    "-f", "json");
            assertThat(exported.code()).as(exported.toString()).isZero();
            assertThat(exported.json().get("files")).hasSize(4);
            Path train = out.resolve("shop_train.csv.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(train))) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                assertThat(lines.getFirst()).startsWith("id,select,unit price");
            }
            assertThat(out.resolve("shop_metadata.json")).exists();
            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))).isEmpty();
            }

            Cli.Result parquet = cli.run("export", "shop", "--tables", "test", "--file-format", "parquet",
                    "--output-dir", out.toString(), "--no-metadata");
            assertThat(parquet.code()).as(parquet.toString()).isZero();
            assertThat(parquet.out()).contains("shop_test.parquet", "40");

            Cli.Result unknown = cli.run("export", "shop", "--tables", "invalid", "--output-dir", out.toString());
            assertThat(unknown.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(unknown.err()).contains("Table 'invalid' not found");
            Cli.Result badFormat = cli.run("export", "shop", "--file-format", "xlsx");
            assertThat(badFormat.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(badFormat.err()).contains("Invalid format 'xlsx'");
        }
    }
}
