package io.nifimdm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** mdm export draws rows and rows/s on stderr for a terminal, and nothing otherwise. */
class ExportCommandProgressTest {

    @TempDir
    Path tempDir;

    @Test
    void exportDrawsProgressOnATerminalOnly() throws Exception {
        Path train = SampleFiles.kaggle(tempDir.resolve("in")).resolve("train.csv");
        String store = "sqlite:" + tempDir.resolve("store");
        Cli.Result registered = Cli.runRaw(Map.of(), "register", "--no-features", "watched", train.toString(),
                "--store", store);
        assertThat(registered.code()).as(registered.toString()).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Main.run(new String[]{"export", "watched", "--no-metadata", "--output-dir",
                tempDir.resolve("out").toString(), "--store", store}, new CliIo(outStream, errStream, Map.of(), true));
            assertThat(code).isZero();
        }
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r").contains("watched_train.csv [", "100%", "150 rows", "rows/s")
                .endsWith("\r\u001b[K");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\r").contains("Exported dataset 'watched'");

        Cli.Result unwatched = Cli.runRaw(Map.of(), "export", "watched", "--no-metadata", "--output-dir",
                tempDir.resolve("out2").toString(), "--store", store);
        assertThat(unwatched.code()).as(unwatched.toString()).isZero();
        assertThat(unwatched.err()).isEmpty();
    }
}
