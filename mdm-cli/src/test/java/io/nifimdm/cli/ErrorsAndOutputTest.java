package io.nifimdm.cli;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.SqliteSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gives one clear line on stderr and the documented exit code; output reads well. */
class ErrorsAndOutputTest {

    @TempDir
    Path tempDir;

    private Cli sqlite() {
        return Cli.embedded(BackendKind.SQLITE, tempDir.resolve("store"));
    }

    private static void assertOneErrorLine(Cli.Result result, int code, String... fragments) {
        assertThat(result.code()).as(result.toString()).isEqualTo(code);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("error: ").contains(fragments);
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void missingPathFailsWithoutCreatingAnything() {
        Cli cli = sqlite();
        assertOneErrorLine(cli.run("register", "--no-features", "shop", tempDir.resolve("nope.csv").toString()), ExitCodes.FAILED,
                "Path does not exist: ", "nope.csv");
        assertThat(cli.run("list", "-f", "json").json()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a@b", "a.b", "a/b", ""})
    void badNamesAreRefusedWithMdmsMessages(String name) throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        Cli.Result result = sqlite().run("register", "--no-features", name, train.toString());
        assertOneErrorLine(result, ExitCodes.FAILED, "Dataset name");
        assertThat(result.err()).containsAnyOf("can only contain alphanumeric characters", "cannot be empty");
        assertOneErrorLine(sqlite().run("info", name), ExitCodes.FAILED, "Dataset name");
    }

    @Test
    void overlongNameIsRefused() throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        assertOneErrorLine(sqlite().run("register", "--no-features", "a".repeat(101), train.toString()), ExitCodes.FAILED,
                "cannot exceed 100 characters");
        assertThat(sqlite().run("register", "--no-features", "a".repeat(100), train.toString()).code()).isZero();
    }

    @Test
    void unknownDatasetExitsWithThree() throws Exception {
        Cli cli = sqlite();
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        assertThat(cli.run("register", "--no-features", "shop", train.toString()).code()).isZero();
        for (String command : new String[]{"info", "stats", "update", "remove"}) {
            String[] args = command.equals("update") ? new String[]{command, "ghost", "--tags", "x"}
                    : new String[]{command, "ghost"};
            assertOneErrorLine(cli.run(args), ExitCodes.NOT_FOUND, "Dataset 'ghost' not found in sqlite:");
        }
        // an embedded store directory that does not exist is not created by a lookup
        Cli elsewhere = Cli.embedded(BackendKind.SQLITE, tempDir.resolve("never"));
        assertOneErrorLine(elsewhere.run("info", "shop"), ExitCodes.NOT_FOUND, "Dataset 'shop' not found");
        assertThat(elsewhere.run("list").out()).startsWith("No datasets in sqlite:");
        assertThat(tempDir.resolve("never")).doesNotExist();
    }

    @Test
    void badFiltersAndOptionsAreExplained() {
        Cli cli = sqlite();
        assertOneErrorLine(cli.run("list", "--filter", "colour=red"), ExitCodes.FAILED,
                "Invalid filter 'colour=red': unknown field 'colour'", "problem_type");
        assertOneErrorLine(cli.run("list", "--filter", "problem_type"), ExitCodes.FAILED,
                "Invalid filter 'problem_type': expected FIELD=VALUE");
        assertOneErrorLine(cli.run("list", "--sort", "size"), ExitCodes.USAGE, "--sort", "see 'mdm list --help'");
        assertOneErrorLine(cli.run("list", "--limit", "many"), ExitCodes.USAGE, "'many' is not an int");
        assertOneErrorLine(cli.run("list", "--colour"), ExitCodes.USAGE, "Unknown option: '--colour'");
        assertOneErrorLine(cli.run("frobnicate"), ExitCodes.USAGE, "frobnicate");
        assertOneErrorLine(cli.run("info"), ExitCodes.USAGE, "Missing required parameter: 'NAME'");
        assertOneErrorLine(cli.run("list", "-f", "xml"), ExitCodes.USAGE, "xml");
    }

    @Test
    void registerValidatesItsOptionsBeforeTouchingTheStore() throws Exception {
        Cli cli = sqlite();
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        assertOneErrorLine(cli.run("register", "--no-features", "shop", train.toString(), "--force", "--append"), ExitCodes.USAGE,
                "--force and --append exclude each other");
        assertOneErrorLine(cli.run("register", "--no-features", "shop", train.toString(), "--problem-type", "ranking"),
                ExitCodes.FAILED, "Invalid problem type 'ranking'");
        assertOneErrorLine(cli.run("register", "--no-features", "shop", train.toString(), "--numeric-columns", "id",
                "--text-columns", "id"), ExitCodes.FAILED, "Column 'id' is listed as both numeric and text");
        assertOneErrorLine(cli.run("register", "--no-features", "shop", train.toString(), "--target", "nope"), ExitCodes.FAILED,
                "Target column 'nope' is not a column of table 'train'");
        assertThat(cli.run("list", "-f", "json").json()).isEmpty();
    }

    @Test
    void aFailingFileLeavesNoHalfRegisteredDataset() throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        Files.writeString(input.resolve("test.csv"), "", StandardCharsets.UTF_8);
        Cli cli = sqlite();
        Cli.Result result = cli.run("register", "--no-features", "shop", input.toString());
        assertOneErrorLine(result, ExitCodes.FAILED, "Registering test.csv as table 'test' failed: ",
                "dataset 'shop' was not created");
        assertThat(cli.run("list", "-f", "json").json()).isEmpty();
        assertThat(tempDir.resolve("store").resolve("shop.sqlite")).doesNotExist();
    }

    @Test
    void twoFilesForOneTableAreRefused() throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        Files.copy(input.resolve("train.csv"), input.resolve("training.csv"));
        assertOneErrorLine(sqlite().run("register", "--no-features", "shop", input.toString()), ExitCodes.FAILED,
                "Files train.csv and training.csv would both become table 'train'");
    }

    @Test
    void singleFileTakesItsTableNameFromTheFileOrFromTable() throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        Path sales = Files.copy(train, tempDir.resolve("Sales-2024.csv.gz.csv"));
        Cli cli = sqlite();
        Cli.Result named = cli.run("register", "--no-features", "one", sales.toString(), "-f", "json");
        assertThat(named.code()).as(named.toString()).isZero();
        assertThat(named.json().get("tables").get(0).get("table").asText()).isEqualTo("sales_2024");
        Cli.Result chosen = cli.run("register", "--no-features", "two", sales.toString(), "--table", "history", "-f", "json");
        assertThat(chosen.json().get("tables").get(0).get("table").asText()).isEqualTo("history");
        assertOneErrorLine(cli.run("register", "--no-features", "three", tempDir.resolve("in").toString(), "--table", "x"),
                ExitCodes.USAGE, "--table names the table of a single file");
    }

    @Test
    void updateFollowsMdmsRules() throws Exception {
        Cli cli = sqlite();
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        assertThat(cli.run("register", "--no-features", "shop", input.toString()).code()).isZero();
        assertOneErrorLine(cli.run("update", "shop", "--problem-type", "invalid_type"), ExitCodes.FAILED,
                "Invalid problem type 'invalid_type'");
        assertOneErrorLine(cli.run("update", "shop", "--id-columns", ","), ExitCodes.FAILED,
                "Invalid id_columns format");
        assertOneErrorLine(cli.run("update", "shop", "--id-columns", ",,"), ExitCodes.FAILED,
                "Invalid id_columns format");
        assertOneErrorLine(cli.run("update", "shop", "--target", "ghost"), ExitCodes.FAILED,
                "Target column 'ghost' is not a column of dataset 'shop'");
        for (String ids : new String[]{"id,", ",id", "id,,joined", "  id  ,  joined  "}) {
            Cli.Result result = cli.run("update", "shop", "--id-columns", ids, "-f", "json");
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(CommandsAcrossEnginesTest.texts(result.json().get("id_columns")))
                    .isEqualTo(ids.contains("joined") ? java.util.List.of("id", "joined") : java.util.List.of("id"));
        }
        Cli.Result nothing = cli.run("update", "shop");
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).startsWith("No updates specified");
        Cli.Result human = cli.run("update", "shop", "--tags", "a");
        assertThat(human.out()).startsWith("Updated dataset 'shop': tags");
    }

    @Test
    void aStoreHeldElsewhereIsReportedPlainly() throws Exception {
        Path directory = tempDir.resolve("store");
        try (DatasetStore held = DatasetStores.sqlite(directory, SqliteSettings.defaults(), 1)) {
            assertThat(held.list()).isEmpty();
            Cli.Result result = sqlite().run("list");
            assertOneErrorLine(result, ExitCodes.STORE_UNAVAILABLE, "is held by another MDM dataset store",
                    "a running NiFi SQLiteDatasetStore service or another mdm command");
        }
        assertThat(sqlite().run("list").code()).isZero();
    }

    @Test
    void storeOptionsAreCheckedAndPasswordsNeverTakenFromArguments() {
        Map<String, String> none = Map.of();
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "mysql://h/db"), ExitCodes.USAGE,
                "Invalid store 'mysql://h/db'");
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "postgresql://bob:secret@localhost/db"),
                ExitCodes.USAGE, "MDM_PG_PASSWORD");
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "jdbc:postgresql://localhost/db?password=secret"),
                ExitCodes.USAGE, "MDM_PG_PASSWORD");
        Cli.Result refused = Cli.runRaw(none, "list", "--store", "postgresql://bob:secret@localhost/db");
        assertThat(refused.err()).doesNotContain("secret");
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "postgresql://alice@localhost/db", "--pg-user", "bob"),
                ExitCodes.USAGE, "give the user once");
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "sqlite:"), ExitCodes.USAGE,
                "name the storage directory");
        assertOneErrorLine(Cli.runRaw(none, "list", "--store", "postgresql://nobody@127.0.0.1:1/db"),
                ExitCodes.STORE_UNAVAILABLE, "not reachable");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        String store = "duckdb:" + tempDir.resolve("ddb");
        assertThat(Cli.runRaw(Map.of(), "--store", store, "register", "--no-features", "shop", train.toString()).code()).isZero();
        Cli.Result listed = Cli.runRaw(Map.of(), "--format", "json", "list", "--store", store);
        assertThat(CommandsAcrossEnginesTest.names(listed.json())).containsExactly("shop");
        Cli.Result fromEnvironment = Cli.runRaw(Map.of("MDM_STORE", store), "list", "-f", "csv");
        assertThat(fromEnvironment.out()).contains("\r\nshop,");
    }

    @Test
    void humanOutputAlignsColumnsWithThousandsSeparators() throws Exception {
        StringBuilder csv = new StringBuilder("id,amount,city\n");
        for (int i = 0; i < 1500; i++) {
            csv.append(i).append(',').append(1_000_000 + i * 1000.5).append(',').append(i % 2 == 0 ? "Oslo" : "Kraków")
                    .append('\n');
        }
        Path file = tempDir.resolve("big.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Cli cli = sqlite();
        Cli.Result registered = cli.run("register", "--no-features", "big", file.toString());
        assertThat(registered.code()).as(registered.toString()).isZero();
        assertThat(registered.out()).startsWith("Registered dataset 'big' in sqlite:")
                .contains(": 1,500 rows in 1 table (");
        Cli.Result listed = cli.run("list");
        var lines = listed.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Name  Problem type  Target  Tables   Rows");
        assertThat(lines.get(1)).startsWith("----  ------------  ------  ------  -----");
        // Name, Problem type, Target pad to their headers; Tables, Rows and Size are right-aligned figures
        assertThat(lines.get(2)).startsWith("big" + " ".repeat(1 + 2 + 12 + 2 + 6 + 2 + 5) + "1  1,500  ")
                .containsPattern("1,500  +[0-9.]+ KiB  ");
        Cli.Result stats = cli.run("stats", "big");
        assertThat(stats.out()).contains("1,500 rows, 3 columns", "1,749,874.75", "2,499,749.5", "Kraków (750)");
    }

    @Test
    void everyCommandHasHelpAndCompletionIsOffered() {
        for (String command : new String[]{"register", "list", "info", "stats", "search", "update", "remove",
                "features", "query", "export"}) {
            Cli.Result help = Cli.runRaw(Map.of(), command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).contains("Usage: mdm " + command, "--store=STORE", "Exit codes:");
        }
        Cli.Result root = Cli.runRaw(Map.of(), "--help");
        assertThat(root.out()).contains("register", "features", "query", "export", "generate-completion",
                "  3   the dataset does not exist");
        Cli.Result bare = Cli.runRaw(Map.of());
        assertThat(bare.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("Usage: mdm");
        Cli.Result completion = Cli.runRaw(Map.of(), "generate-completion");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).contains("complete -F", "register", "--problem-type");
        assertThat(Cli.runRaw(Map.of(), "--version").out()).startsWith("mdm ");
    }

    @Test
    void progressIsDrawnOnStderrOnlyForATerminal() throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        String store = "sqlite:" + tempDir.resolve("store");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (var outStream = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
             var errStream = new java.io.PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Main.run(new String[]{"register", "--no-features", "watched", train.toString(), "--store", store},
                    new CliIo(outStream, errStream, Map.of(), true));
            assertThat(code).isZero();
        }
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r").contains("train.csv [", "100%", "150 rows", "rows/s").endsWith("\r\u001b[K");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\r").contains("Registered dataset 'watched'");

        Cli.Result unwatched = Cli.runRaw(Map.of(), "register", "--no-features", "unwatched", train.toString(), "--store", store);
        assertThat(unwatched.code()).isZero();
        assertThat(unwatched.err()).isEmpty();
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli.Result result = Cli.runRaw(Map.of(), "info", "ghost", "--store", "sqlite:" + tempDir.resolve("s"),
                "--debug");
        assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("error: Dataset 'ghost' not found").contains("\tat ");
    }
}
