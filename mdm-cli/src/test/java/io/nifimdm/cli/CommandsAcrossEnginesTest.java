package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifimdm.core.backend.BackendKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command through {@link Main#run}, on SQLite, DuckDB and PostgreSQL. */
class CommandsAcrossEnginesTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void registerDetectsTheKaggleLayoutAndInfoShowsIt(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            Cli.Result registered = cli.run("register", "--no-features", "Shop-Sales", input.toString(), "--description", "Sales, 2024",
                    "--tags", "retail, ,demo", "-f", "json");
            assertThat(registered.code()).as(registered.toString()).isZero();
            JsonNode result = registered.json();
            assertThat(result.get("dataset").asText()).isEqualTo("shop_sales");
            assertThat(result.get("backend").asText()).isEqualTo(kind.id());
            assertThat(result.get("created").asBoolean()).isTrue();
            assertThat(result.get("target_column").asText()).isEqualTo("label");
            assertThat(result.get("problem_type").asText()).isEqualTo("binary_classification");
            assertThat(texts(result.get("id_columns"))).containsExactly("id");
            assertThat(texts(result.get("skipped_files"))).containsExactly("data_description.txt");
            assertThat(result.get("tables")).hasSize(3);
            assertThat(result.get("tables").get(0).get("table").asText()).isEqualTo("train");
            assertThat(result.get("tables").get(0).get("rows_added").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS);
            assertThat(result.get("tables").get(1).get("table").asText()).isEqualTo("test");
            assertThat(result.get("tables").get(1).get("table_rows").asLong()).isEqualTo(SampleFiles.TEST_ROWS);

            Cli.Result info = cli.run("info", "shop_sales", "-f", "json");
            assertThat(info.code()).as(info.toString()).isZero();
            JsonNode document = info.json();
            assertThat(document.get("name").asText()).isEqualTo("shop_sales");
            assertThat(document.get("display_name").asText()).isEqualTo("Shop-Sales");
            assertThat(document.get("backend").asText()).isEqualTo(kind.id());
            assertThat(document.get("description").asText()).isEqualTo("Sales, 2024");
            assertThat(texts(document.get("tags"))).containsExactly("retail", "demo");
            assertThat(document.get("size_bytes").asLong()).isPositive();
            List<String> tables = new ArrayList<>();
            document.get("tables").forEach(t -> tables.add(t.get("name").asText()));
            assertThat(tables).containsExactlyInAnyOrder("train", "test", "sample_submission");
            JsonNode train = find(document.get("tables"), "name", "train");
            assertThat(train.get("rows").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS);
            assertThat(train.get("kind").asText()).isEqualTo("data");
            List<String> columns = new ArrayList<>();
            train.get("column_details").forEach(c -> columns.add(c.get("name").asText()));
            assertThat(columns).containsExactly("id", "select", "unit price", "say \"hi\"", "名前", "joined", "label");
            assertThat(find(train.get("column_details"), "name", "label").get("role").asText()).isEqualTo("target");
            assertThat(find(train.get("column_details"), "name", "joined").get("storage_type").asText())
                    .isEqualTo("date");

            Cli.Result human = cli.run("info", "SHOP_SALES");
            assertThat(human.code()).as(human.toString()).isZero();
            assertThat(human.out()).contains("Dataset shop_sales", "Target column:  label",
                    "Problem type:   binary_classification", "Columns of train", "unit price");
            assertThat(human.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void statsShowTheStoredFigures(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();

            Cli.Result stats = cli.run("stats", "shop", "--table", "train", "-f", "json");
            assertThat(stats.code()).as(stats.toString()).isZero();
            JsonNode document = stats.json();
            assertThat(document.get("dataset").asText()).isEqualTo("shop");
            assertThat(document.get("tables")).hasSize(1);
            JsonNode train = document.get("tables").get(0);
            assertThat(train.get("table").asText()).isEqualTo("train");
            assertThat(train.get("source").asText()).isEqualTo("stored");
            assertThat(train.get("summary").get("row_count").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS);
            assertThat(train.get("summary").get("column_count").asInt()).isEqualTo(7);
            JsonNode price = find(train.get("columns"), "name", "unit price");
            assertThat(price.get("null_count").asLong()).isEqualTo(SampleFiles.missingPrices());
            assertThat(price.get("type").asText()).isEqualTo("DECIMAL");
            assertThat(price.has("mean")).isTrue();
            JsonNode id = find(train.get("columns"), "name", "id");
            assertThat(id.get("min").asLong()).isZero();
            assertThat(id.get("max").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS - 1);
            assertThat(id.get("distinct_count").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS);

            Cli.Result all = cli.run("stats", "shop", "--full");
            assertThat(all.code()).as(all.toString()).isZero();
            assertThat(all.out()).contains("Table train", "Table test", "Table sample_submission", "Q1", "Q3",
                    "unit price", "top values:");
            assertThat(all.out()).contains("Total: 230 rows in 3 tables");

            Cli.Result recomputed = cli.run("stats", "shop", "--table", "train", "--recompute", "-f", "json");
            assertThat(recomputed.code()).as(recomputed.toString()).isZero();
            JsonNode again = recomputed.json().get("tables").get(0);
            assertThat(again.get("source").asText()).isEqualTo("computed");
            assertThat(again.get("summary")).isEqualTo(train.get("summary"));
            assertThat(again.get("columns")).isEqualTo(train.get("columns"));

            Cli.Result csv = cli.run("stats", "shop", "--table", "test", "-f", "csv");
            assertThat(csv.code()).isZero();
            String[] lines = csv.out().split("\r\n");
            assertThat(lines[0]).startsWith("table,column,type,row_count,null_count");
            assertThat(lines).hasSize(1 + 6);
            assertThat(lines[1]).startsWith("test,id,integer,40,0,");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void listFiltersSortsAndLimits(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        Path train = input.resolve("train.csv");
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("list", "-f", "json").json()).isEmpty();
            assertThat(cli.run("register", "--no-features", "beta", train.toString(), "--problem-type", "regression", "--target",
                    "unit price", "--tags", "x").code()).isZero();
            assertThat(cli.run("register", "--no-features", "alpha", input.toString(), "--tags", "x,y").code()).isZero();
            Thread.sleep(5); // distinct registration instants for the date sort
            assertThat(cli.run("register", "--no-features", "gamma", train.toString(), "--target", "label").code()).isZero();

            JsonNode all = cli.run("list", "-f", "json").json();
            assertThat(names(all)).containsExactly("alpha", "beta", "gamma");
            JsonNode alpha = all.get(0);
            assertThat(alpha.get("tables").asLong()).isEqualTo(3);
            assertThat(alpha.get("rows").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS + 2L * SampleFiles.TEST_ROWS);
            assertThat(alpha.get("problem_type").asText()).isEqualTo("binary_classification");
            assertThat(alpha.get("target_column").asText()).isEqualTo("label");
            assertThat(texts(alpha.get("tags"))).containsExactly("x", "y");
            assertThat(alpha.get("registered_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

            assertThat(names(cli.run("list", "--filter", "problem_type=BINARY_CLASSIFICATION", "-f", "json").json()))
                    .containsExactly("alpha", "gamma");
            assertThat(names(cli.run("list", "--filter", "tag=y", "-f", "json").json())).containsExactly("alpha");
            assertThat(names(cli.run("list", "--filter", "tag=x,problem_type=regression", "-f", "json").json()))
                    .containsExactly("beta");
            assertThat(names(cli.run("list", "--filter", "backend=" + kind.id(), "--limit", "2", "-f", "json").json()))
                    .containsExactly("alpha", "beta");
            assertThat(names(cli.run("list", "--sort", "registration_date", "-f", "json").json()).getFirst())
                    .isEqualTo("gamma");

            Cli.Result human = cli.run("list");
            assertThat(human.out()).contains("Name", "alpha", "binary_classification", "x, y");
            assertThat(human.out().lines().toList()).hasSize(2 + 3);
            Cli.Result csv = cli.run("list", "-f", "csv");
            assertThat(csv.out()).startsWith("name,problem_type,target_column,tables,rows,size_bytes,tags,"
                    + "registered_at,description\r\n");
            assertThat(csv.out()).containsPattern("\r\nalpha,binary_classification,label,3,230,[1-9][0-9]*,\"x,y\",");
            assertThat(alpha.get("size_bytes").asLong()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void searchMatchesNamesGlobsTagsAndContent(BackendKind kind) throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        try (Cli cli = Cli.on(kind, tempDir)) {
            for (String name : List.of("test_dataset", "prod_dataset", "test_backup", "demo_test", "dataset_v1",
                    "dataset_v2")) {
                String description = name.startsWith("prod") ? "classification of products" : "";
                String tags = name.equals("demo_test") ? "showcase" : "";
                assertThat(cli.run("register", "--no-features", name, train.toString(), "--description", description, "--tags", tags)
                        .code()).isZero();
            }
            assertThat(names(cli.run("search", "test", "-f", "json").json()))
                    .containsExactlyInAnyOrder("test_dataset", "test_backup", "demo_test");
            assertThat(names(cli.run("search", "dataset_v*", "-f", "json").json()))
                    .containsExactlyInAnyOrder("dataset_v1", "dataset_v2");
            assertThat(names(cli.run("search", "TEST", "--case-sensitive", "-f", "json").json())).isEmpty();
            JsonNode products = cli.run("search", "PRODUCTS", "-f", "json").json();
            assertThat(names(products)).containsExactly("prod_dataset");
            assertThat(products.get(0).get("match_location").asText()).isEqualTo("content");
            JsonNode tagged = cli.run("search", "show", "-f", "json").json();
            assertThat(names(tagged)).containsExactly("demo_test");
            assertThat(tagged.get(0).get("match_location").asText()).isEqualTo("tag");
            assertThat(names(cli.run("search", "test", "--tag", "showcase", "-f", "json").json()))
                    .containsExactly("demo_test");
            assertThat(cli.run("search", "dataset", "--limit", "2", "-f", "json").json()).hasSize(2);
            assertThat(cli.run("search", "nothing_like_it").out()).startsWith("No datasets match 'nothing_like_it'");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void updateChangesTheRecordAndTheColumnRoles(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();
            JsonNode before = cli.run("info", "shop", "-f", "json").json();

            Cli.Result nothing = cli.run("update", "shop");
            assertThat(nothing.code()).isZero();
            assertThat(nothing.out()).isEqualTo("No updates specified" + System.lineSeparator());

            Cli.Result updated = cli.run("update", "shop", "--description", "Prices", "--target", "UNIT PRICE",
                    "--problem-type", "regression", "--id-columns", "  id  ,, select ,", "--tags", "a,,b,",
                    "-f", "json");
            assertThat(updated.code()).as(updated.toString()).isZero();
            assertThat(texts(updated.json().get("updated_fields")))
                    .containsExactly("description", "target_column", "problem_type", "id_columns", "tags");

            JsonNode after = cli.run("info", "shop", "-f", "json").json();
            assertThat(after.get("description").asText()).isEqualTo("Prices");
            assertThat(after.get("target_column").asText()).isEqualTo("unit price");
            assertThat(after.get("problem_type").asText()).isEqualTo("regression");
            assertThat(texts(after.get("id_columns"))).containsExactly("id", "select");
            assertThat(texts(after.get("tags"))).containsExactly("a", "b");
            assertThat(after.get("registered_at")).isEqualTo(before.get("registered_at"));
            assertThat(after.get("version")).isEqualTo(before.get("version"));
            assertThat(after.get("updated_at").asText()).isGreaterThan(before.get("updated_at").asText());
            JsonNode train = find(after.get("tables"), "name", "train").get("column_details");
            assertThat(find(train, "name", "unit price").get("role").asText()).isEqualTo("target");
            assertThat(find(train, "name", "select").get("role").asText()).isEqualTo("id");
            assertThat(find(train, "name", "label").get("role").asText()).isEqualTo("feature");
            assertThat(find(train, "name", "label").get("semantic_type").asText()).isEqualTo("numeric");

            Cli.Result cleared = cli.run("update", "shop", "--target", "", "--tags", "", "--id-columns", "",
                    "--problem-type", "", "--description", "");
            assertThat(cleared.code()).as(cleared.toString()).isZero();
            JsonNode empty = cli.run("info", "shop", "-f", "json").json();
            assertThat(empty.get("target_column").isNull()).isTrue();
            assertThat(empty.get("problem_type").isNull()).isTrue();
            assertThat(empty.get("tags")).isEmpty();
            assertThat(empty.get("id_columns")).isEmpty();
            assertThat(empty.get("description").asText()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void removeDryRunKeepsTheDatasetAndForceRemovesIt(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();

            Cli.Result dryRun = cli.run("remove", "shop", "--dry-run", "-f", "json");
            assertThat(dryRun.code()).as(dryRun.toString()).isZero();
            JsonNode plan = dryRun.json();
            assertThat(plan.get("removed").asBoolean()).isFalse();
            assertThat(plan.get("rows").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS + 2L * SampleFiles.TEST_ROWS);
            if (kind == BackendKind.POSTGRESQL) {
                assertThat(texts(plan.get("storage")).getFirst()).startsWith("schema t").endsWith("_shop");
            } else {
                assertThat(texts(plan.get("storage")).getFirst()).endsWith("shop." + kind.fileExtension());
            }
            assertThat(cli.run("info", "shop").code()).isZero();

            Cli.Result refused = cli.run("remove", "shop");
            assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err()).contains("without confirmation: add --force");
            assertThat(cli.run("info", "shop").code()).isZero();

            Cli.Result removed = cli.run("remove", "shop", "--force");
            assertThat(removed.code()).as(removed.toString()).isZero();
            assertThat(removed.out()).startsWith("Removed dataset 'shop': 3 tables, 230 rows");
            Cli.Result gone = cli.run("info", "shop");
            assertThat(gone.code()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(gone.err()).startsWith("error: Dataset 'shop' not found in ");
            assertThat(cli.run("list", "-f", "json").json()).isEmpty();
            assertThat(cli.run("remove", "shop", "--force").code()).isEqualTo(ExitCodes.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void forceReplacesAndAppendAddsRows(BackendKind kind) throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "shop", train.toString()).code()).isZero();
            Cli.Result again = cli.run("register", "--no-features", "shop", train.toString());
            assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(again.err()).contains("Dataset 'shop' already exists", "--force", "--append");

            Cli.Result appended = cli.run("register", "--no-features", "shop", train.toString(), "--append", "-f", "json");
            assertThat(appended.code()).as(appended.toString()).isZero();
            assertThat(appended.json().get("created").asBoolean()).isFalse();
            assertThat(appended.json().get("tables").get(0).get("table_rows").asLong())
                    .isEqualTo(2L * SampleFiles.TRAIN_ROWS);

            Cli.Result replaced = cli.run("register", "--no-features", "shop", train.toString(), "--force", "-f", "json");
            assertThat(replaced.code()).as(replaced.toString()).isZero();
            assertThat(replaced.json().get("tables").get(0).get("table_rows").asLong())
                    .isEqualTo(SampleFiles.TRAIN_ROWS);
            assertThat(cli.run("stats", "shop", "-f", "json").json().get("tables").get(0).get("summary")
                    .get("row_count").asLong()).isEqualTo(SampleFiles.TRAIN_ROWS);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static List<String> names(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.get("name").asText()));
        return values;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("No item with " + field + "=" + value + " in " + array);
    }
}
