package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.DataGenerator;
import io.nifimdm.bench.Scenario;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.WriteMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.nifi.processors.FeatureContentValue;
import io.nifimdm.nifi.processors.GenerateFeatures;
import io.nifimdm.nifi.processors.MdmAttributes;
import org.apache.nifi.util.MockFlowFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Issue 4's feature scenario through the GenerateFeatures processor: the generated file as {@code train} and a
 * fifth as many rows of other data (another seed) as {@code test}, both registered untimed in {@link #prepare};
 * the timed trigger names no table, so the processor fits the plan on {@code train} with every default family and
 * builds {@code train_features} and {@code test_features}. Targets at 1,000,000 + 200,000 rows: DuckDB and
 * PostgreSQL 5 s, SQLite 10 s.
 *
 * <p>The note also gives a floor, measured untimed after the run: the engine copying the two finished feature tables
 * into new tables by itself ({@code CREATE TABLE ... AS SELECT *}, committed), with no Java, no reading of the source
 * and no feature arithmetic. No build of those tables can write them faster than that.
 */
public final class GenerateFeaturesScenario implements Scenario {

    /** Seed of the test table's rows, unlike the training file's. */
    static final long TEST_SEED = 4_242;

    @Override
    public String name() {
        return "features";
    }

    @Override
    public String description() {
        return "GenerateFeatures processor (TestRunner): fit every default family on train (the file), build"
                + " train_features and test_features (rows/5 of other data); tables registered untimed";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        Path testCsv = testData(context);
        ProcessorHarness harness = ProcessorHarness.open(GenerateFeatures.class, context, backend, "features");
        try {
            harness.register("train", context.csv());
            harness.register("test", testCsv);
            // the trigger has no mdm.table attribute, so Table (${mdm.table}) is empty: fit on the fit table
            // (train) and build every table's features
            // the report as content carries the time of each phase, which the note shows
            harness.runner.setProperty("Output Content", FeatureContentValue.FEATURE_REPORT.getValue());
            harness.enqueueTrigger();
        } catch (Exception | Error e) {
            harness.close();
            throw e;
        }
        return new Run() {
            private MockFlowFile result;

            @Override
            public long execute() {
                harness.runner.run();
                result = harness.successes("GenerateFeatures").get(0);
                if (!"true".equals(result.getAttribute(MdmAttributes.FEATURE_FITTED))
                        || !result.getAttribute(MdmAttributes.FEATURE_TABLES).contains("test_features")) {
                    throw new IllegalStateException("GenerateFeatures did not fit and build both tables: "
                            + result.getAttributes());
                }
                return context.rows() + testRows(context);
            }

            @Override
            public String note() {
                String rows = String.format(Locale.ROOT, "rows = train %,d + test %,d", context.rows(),
                        testRows(context));
                if (result == null) {
                    return rows;
                }
                return rows + "; " + result.getAttribute(MdmAttributes.FEATURE_COUNT) + " features kept, "
                        + result.getAttribute(MdmAttributes.FEATURE_DROPPED_COUNT) + " dropped"
                        + phases(result.getContent()) + String.format(Locale.ROOT,
                        "; floor (the engine copying the finished feature tables) %.1f s", engineCopySeconds());
            }

            private double engineCopySeconds() {
                Dataset dataset = harness.store().open(harness.dataset);
                Backend backend = dataset.backend();
                String[] tables = {"train_features", "test_features"};
                long start = System.nanoTime();
                dataset.write(WriteMode.EXCLUSIVE, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        for (String table : tables) {
                            statement.execute("CREATE TABLE " + backend.qualified(dataset.schema(), "_floor_" + table)
                                    + " AS SELECT * FROM " + backend.qualified(dataset.schema(), table));
                        }
                    }
                    return null;
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                dataset.write(WriteMode.EXCLUSIVE, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        for (String table : tables) {
                            statement.execute("DROP TABLE " + backend.qualified(dataset.schema(), "_floor_" + table));
                        }
                    }
                    return null;
                });
                return seconds;
            }

            @Override
            public void close() {
                harness.close();
            }
        };
    }

    /** ", phases: fit statistics 1.2 s, ..." from the report's {@code phaseMs}, or nothing if it has none. */
    static String phases(String reportJson) {
        try {
            JsonNode phases = new ObjectMapper().readTree(reportJson).path("phaseMs");
            StringJoiner joined = new StringJoiner(", ", "; phases: ", "");
            joined.setEmptyValue("");
            phases.properties().forEach(phase -> joined.add(String.format(Locale.ROOT, "%s %.1f s", phase.getKey(),
                    phase.getValue().asLong() / 1000.0)));
            return joined.toString();
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    static long testRows(BenchContext context) {
        return Math.max(1, context.rows() / 5);
    }

    /** The test table's CSV next to the training file, generated once and kept like it. */
    private static synchronized Path testData(BenchContext context) throws Exception {
        long rows = testRows(context);
        Path csv = context.csv().resolveSibling("bench_test_" + rows + "_seed" + TEST_SEED + ".csv");
        if (!Files.exists(csv)) {
            DataGenerator.writeCsv(csv, rows, TEST_SEED);
        }
        return csv;
    }
}
