package io.nifimdm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nifimdm.core.backend.BackendKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each processor scenario found through the ServiceLoader file runs end to end on a small generated file, on every
 * engine: it reports the rows it processed and what it found, and leaves no dataset behind.
 */
class ProcessorScenariosTest {

    private static final long ROWS = 3_000;
    private static final String POSTGRES_URL = System.getenv().getOrDefault("MDM_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void everyProcessorScenarioRunsAndCleansUp(BackendKind backend) throws Exception {
        if (backend == BackendKind.POSTGRESQL) {
            assumePostgres();
        }
        Path csv = dir.resolve("data.csv");
        DataGenerator.writeCsv(csv, ROWS, 42);
        Path work = Files.createDirectories(dir.resolve("work"));
        BenchContext context = new BenchContext(csv, ROWS, DataGenerator.COLUMNS, work, POSTGRES_URL, 1_000, 1_000);
        Map<String, Scenario> scenarios = ScenarioRegistry.discover().all().stream()
                .collect(Collectors.toMap(Scenario::name, Function.identity()));
        assertThat(scenarios).containsKeys("query-aggregate", "export-csv", "export-parquet", "features");

        assertThat(run(scenarios.get("query-aggregate"), context, backend))
                .startsWith(ROWS + " ").containsPattern("; \\d+ groups returned");
        assertThat(run(scenarios.get("export-csv"), context, backend))
                .startsWith(ROWS + " ").contains("MiB");
        assertThat(run(scenarios.get("export-parquet"), context, backend))
                .startsWith(ROWS + " ").contains("MiB");
        assertThat(run(scenarios.get("features"), context, backend))
                .startsWith((ROWS + ROWS / 5) + " ").containsPattern("\\d+ features kept");

        // embedded stores leave only their lock files once the datasets are dropped
        try (Stream<Path> files = Files.walk(work)) {
            List<String> left = files.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString)
                    .filter(name -> !name.startsWith(".mdm-store")).toList();
            assertThat(left).isEmpty();
        }
    }

    /** Prepares, executes and closes one run; returns its rows and note as "rows note". */
    private static String run(Scenario scenario, BenchContext context, BackendKind backend) throws Exception {
        try (Scenario.Run run = scenario.prepare(context, backend)) {
            long rows = run.execute();
            return rows + " " + run.note();
        }
    }

    private static void assumePostgres() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL)) {
            // reachable
        } catch (SQLException e) {
            assumeTrue("true".equals(System.getenv("MDM_REQUIRE_POSTGRES")),
                    "no PostgreSQL server at " + POSTGRES_URL.replaceAll("\\?.*", "") + ": " + e.getMessage());
            throw new IllegalStateException("MDM_REQUIRE_POSTGRES=true but no server answers", e);
        }
    }
}
