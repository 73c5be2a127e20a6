package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifimdm.core.backend.BackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command on examples/kaggle-sample, in-process: register, info and stats on the embedded SQLite
 * default give what the README shows. (.ci/run-example runs the very command line through bin/mdm.)
 */
class ExampleDatasetTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "kaggle-sample").toAbsolutePath().normalize();

    @TempDir
    Path tempDir;

    @Test
    void theKaggleSampleRegistersAsTheReadmeSays() {
        assertThat(EXAMPLE.resolve("train.csv")).exists();
        Cli cli = Cli.embedded(BackendKind.SQLITE, tempDir.resolve("mdm-datasets"));

        Cli.Result registered = cli.run("register", "kaggle-sample", EXAMPLE.toString(), "--force");
        assertThat(registered.code()).as(registered.toString()).isZero();
        assertThat(registered.out()).startsWith("Registered dataset 'kaggle_sample'")
                .contains(": 360 rows in 3 tables", "Target:       churned", "Problem type: binary_classification",
                        "ID columns:   customer_id", "Features:     63 in train_features, ");
        // --force makes the command repeatable
        assertThat(cli.run("register", "kaggle-sample", EXAMPLE.toString(), "--force").code()).isZero();

        JsonNode info = cli.run("info", "kaggle-sample", "-f", "json").json();
        JsonNode train = CommandsAcrossEnginesTest.find(info.get("tables"), "name", "train");
        assertThat(train.get("rows").asLong()).isEqualTo(200);
        JsonNode columns = train.get("column_details");
        assertThat(CommandsAcrossEnginesTest.find(columns, "name", "signup_date").get("storage_type").asText())
                .isEqualTo("date");
        assertThat(CommandsAcrossEnginesTest.find(columns, "name", "last_login").get("storage_type").asText())
                .isEqualTo("timestamp");
        assertThat(CommandsAcrossEnginesTest.find(columns, "name", "is_member").get("semantic_type").asText())
                .isEqualTo("binary");
        assertThat(CommandsAcrossEnginesTest.find(columns, "name", "plan").get("semantic_type").asText())
                .isEqualTo("categorical");
        assertThat(CommandsAcrossEnginesTest.find(columns, "name", "review").get("semantic_type").asText())
                .isEqualTo("text");
        assertThat(CommandsAcrossEnginesTest.find(info.get("tables"), "name", "test").get("rows").asLong())
                .isEqualTo(80);

        Cli.Result stats = cli.run("stats", "kaggle-sample", "--table", "train");
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).contains("Table train", "200 rows, 12 columns", "monthly income",
                "Total: 200 rows in 1 table");
        Cli.Result everything = cli.run("stats", "kaggle-sample");
        assertThat(everything.out()).contains("Table train_features", "Table test", "Total: 720 rows in 6 tables");

        assertThat(cli.run("features", "kaggle-sample").out())
                .startsWith("Applied the stored feature plan (fitted on train)").contains("train_features");
        JsonNode plans = cli.run("query", "kaggle-sample", "--group-by", "plan", "--agg",
                "count(*), avg(churned) AS churn_rate", "--order-by", "plan", "-f", "json").json();
        assertThat(CommandsAcrossEnginesTest.find(plans, "plan", "basic").get("count").asLong()).isEqualTo(96);
        assertThat(CommandsAcrossEnginesTest.find(plans, "plan", "basic").get("churn_rate").asDouble())
                .isEqualTo(0.1875);
        Path exports = tempDir.resolve("mdm-exports");
        Cli.Result exported = cli.run("export", "kaggle-sample", "--file-format", "parquet", "--output-dir",
                exports.toString());
        assertThat(exported.code()).as(exported.toString()).isZero();
        assertThat(exports.resolve("kaggle_sample_train_features.parquet")).isNotEmptyFile();
        assertThat(exports.resolve("kaggle_sample_metadata.json")).isNotEmptyFile();
    }

    @Test
    void theRunScriptExecutesTheDocumentedCommand() throws Exception {
        Path script = Path.of("..", ".ci", "run-example");
        Path readme = Path.of("..", "README.md");
        assertThat(script).isExecutable();
        String documented = Files.readString(readme);
        assertThat(documented).contains("<!-- mdm-run-example -->", "bin/mdm register kaggle-sample "
                + "examples/kaggle-sample --force", "bin/mdm info kaggle-sample && bin/mdm stats kaggle-sample --table train",
                "bin/mdm features kaggle-sample", "bin/mdm query kaggle-sample --group-by plan",
                "bin/mdm export kaggle-sample --file-format parquet --output-dir mdm-exports");
    }
}
