package io.nifimdm.core.features;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's compiled features ({@link SqlFeatures}) equal the Java reference ({@link FeatureComputer}) value by
 * value on messy data: nulls, unseen categories, a column missing from the test table, unicode text with URLs,
 * e-mails, hashtags and odd whitespace, dates and timestamps, values near zero.
 */
class SqlJavaAgreementTest {

    private static final String[] WORDS = {"model", "Data", "TRAIN", "naïve", "café", "日本語", "Größe", "😀",
        "ΟΔΟΣ", "x1", "#tag", "@bob", "#", "@", "mail@example.com", "https://a.b/c?d=1", "www.site.org", "tab\tsep",
        "nbsp\u00a0in", "em\u2003space", "A-B_C", "İstanbul", "ǅ", "Ⅷ", "ⓐ", "\u0301"};

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"DUCKDB", "POSTGRESQL"})
    void engineAndJavaGiveTheSameFeatures(BackendKind kind) throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withOptions(true, true, true, true, 2.0, false, 5)
                .withCustomFeatures(Map.of("ab", "a * b"));
        Map<String, List<Map<String, Object>>> reference = null;
        for (boolean inEngine : new boolean[] {false, true}) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id() + inEngine))) {
                FeatureFixtures.register(fixture.store(), "messy", "train", csv(400, 7, true), "target");
                FeatureFixtures.register(fixture.store(), "messy", "test", csv(150, 11, false), null);
                Dataset dataset = fixture.store().open("messy");
                FeatureResult result = new FeatureGenerator(Clock.systemUTC(), inEngine).run(dataset,
                        FeatureRequest.all(options));
                assertThat(result.fitted()).isTrue();
                Map<String, List<Map<String, Object>>> tables = Map.of(
                        "train_features", FeatureFixtures.rows(dataset, "train_features"),
                        "test_features", FeatureFixtures.rows(dataset, "test_features"));
                if (reference == null) {
                    reference = tables;
                    assertThat(tables.get("train_features").get(0)).containsKeys("txt_n_urls",
                            "when_month_sin", "cat_frequency", "total_missing_count", "ab", "when_year");
                    continue;
                }
                compare(kind, reference, tables);
            }
        }
    }

    /**
     * Without a text column the engine also computes the signal filter's statistics ({@link SqlSignalStatistics}):
     * the same features are kept and dropped, with the same values, as by the Java pass.
     */
    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"DUCKDB", "POSTGRESQL"})
    void engineSignalFilterKeepsWhatJavaKeeps(BackendKind kind) throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withFamilies(true, true, true, false, true, true)
                .withOptions(true, true, true, true, 2.0, false, 5);
        Map<String, List<Map<String, Object>>> reference = null;
        FeatureResult first = null;
        for (boolean inEngine : new boolean[] {false, true}) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id() + "n" + inEngine))) {
                FeatureFixtures.register(fixture.store(), "messy", "train", csv(400, 7, true), "target");
                FeatureFixtures.register(fixture.store(), "messy", "test", csv(150, 11, false), null);
                Dataset dataset = fixture.store().open("messy");
                FeatureResult result = new FeatureGenerator(Clock.systemUTC(), inEngine).run(dataset,
                        FeatureRequest.all(options));
                Map<String, List<Map<String, Object>>> tables = Map.of(
                        "train_features", FeatureFixtures.rows(dataset, "train_features"),
                        "test_features", FeatureFixtures.rows(dataset, "test_features"));
                if (reference == null) {
                    reference = tables;
                    first = result;
                    assertThat(result.dropped()).isNotEmpty();
                    continue;
                }
                assertThat(result.features()).isEqualTo(first.features());
                assertThat(result.dropped()).isEqualTo(first.dropped());
                compare(kind, reference, tables);
            }
        }
    }

    /**
     * Values at the ends of the double range in the table a fitted plan is applied to: squares, products, quotients,
     * z-scores and Box-Cox values that overflow are null as in Java (DuckDB would store infinity, PostgreSQL would
     * fail the whole build with "value out of range"), and underflows are 0.
     */
    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"DUCKDB", "POSTGRESQL"})
    void extremeValuesGiveJavasResultsInsteadOfErrors(BackendKind kind) throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withFamilies(true, false, false, false, false, true)
                .withOptions(true, false, false, true, 2.0, false, 5);
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder train = new StringBuilder("a,b,c\n");
        for (int r = 0; r < 300; r++) {
            double a = 20 * random.nextGaussian();
            train.append(a).append(',').append(5 * random.nextGaussian() + 0.3 * a).append(',')
                    .append(0.5 + random.nextDouble()).append('\n');
        }
        double[] extremes = {1e200, -1e200, 1e-200, -1e-200, Double.MIN_VALUE, 1.7e308, -1.7e308, 0, 3.5, 1e155};
        StringBuilder test = new StringBuilder("a,b,c\n");
        for (double a : extremes) {
            for (double b : extremes) {
                test.append(a).append(',').append(b).append(',').append(a).append('\n');
            }
        }
        Map<String, List<Map<String, Object>>> reference = null;
        for (boolean inEngine : new boolean[] {false, true}) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id() + "x" + inEngine))) {
                FeatureFixtures.register(fixture.store(), "extreme", "train", train.toString(), null);
                FeatureFixtures.register(fixture.store(), "extreme", "test", test.toString(), null);
                Dataset dataset = fixture.store().open("extreme");
                new FeatureGenerator(Clock.systemUTC(), inEngine).run(dataset, FeatureRequest.all(options));
                Map<String, List<Map<String, Object>>> tables = Map.of(
                        "test_features", FeatureFixtures.rows(dataset, "test_features"));
                if (reference == null) {
                    reference = tables;
                    Map<String, Object> huge = tables.get("test_features").get(0); // a = b = c = 1e200
                    assertThat(huge.keySet()).anyMatch(name -> name.endsWith("_squared"))
                            .anyMatch(name -> name.contains("_times_")).anyMatch(name -> name.endsWith("_zscore"));
                    huge.forEach((name, value) -> {
                        if (name.endsWith("_squared") || name.contains("_times_")) {
                            assertThat(value).as(name + " of 1e200").isNull();
                        } else if (name.endsWith("_is_outlier_zscore")) {
                            assertThat(value).as(name + " of 1e200").isEqualTo(true);
                        }
                    });
                    continue;
                }
                compare(kind, reference, tables);
            }
        }
    }

    /** Extreme values in the fit table itself: the engine's signal statistics give way to Java's where they overflow. */
    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"DUCKDB", "POSTGRESQL"})
    void extremeValuesInTheFitTableGiveJavasFeatures(BackendKind kind) throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withFamilies(true, false, false, false, true, true)
                .withOptions(true, false, false, true, 2.0, false, 5).withCustomFeatures(Map.of("ab", "a + b"));
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder train = new StringBuilder("a,b\n");
        for (int r = 0; r < 200; r++) {
            double a = r % 50 == 0 ? 1e200 * (1 + random.nextDouble()) : 10 * random.nextGaussian();
            train.append(a).append(',').append(r % 7 == 0 ? "" : Double.toString(3 * random.nextGaussian() + a / 4))
                    .append('\n');
        }
        Map<String, List<Map<String, Object>>> reference = null;
        FeatureResult first = null;
        for (boolean inEngine : new boolean[] {false, true}) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id() + "f" + inEngine))) {
                FeatureFixtures.register(fixture.store(), "extremefit", "train", train.toString(), null);
                Dataset dataset = fixture.store().open("extremefit");
                FeatureResult result = new FeatureGenerator(Clock.systemUTC(), inEngine).run(dataset,
                        FeatureRequest.all(options));
                Map<String, List<Map<String, Object>>> tables = Map.of(
                        "train_features", FeatureFixtures.rows(dataset, "train_features"));
                if (reference == null) {
                    reference = tables;
                    first = result;
                    continue;
                }
                assertThat(result.features()).isEqualTo(first.features());
                // names only: a z-score over an infinite fitted deviation is 0 in Java ("constant"), null in SQL
                assertThat(result.dropped()).map(DroppedFeature::name)
                        .isEqualTo(first.dropped().stream().map(DroppedFeature::name).toList());
                compare(kind, reference, tables);
            }
        }
    }

    static void compare(Object where, Map<String, List<Map<String, Object>>> reference,
                        Map<String, List<Map<String, Object>>> tables) {
        for (String table : reference.keySet()) {
            List<Map<String, Object>> expected = reference.get(table);
            List<Map<String, Object>> actual = tables.get(table);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).keySet()).as(where + " " + table).isEqualTo(expected.get(i).keySet());
                for (Map.Entry<String, Object> cell : expected.get(i).entrySet()) {
                    Object got = actual.get(i).get(cell.getKey());
                    String at = where + " " + table + " row " + i + " " + cell.getKey() + " source "
                            + expected.get(i).get("txt");
                    if (cell.getValue() instanceof Double want && got instanceof Double g) {
                        assertThat(Math.abs(g - want)).as(at + " " + g + " vs " + want)
                                .isLessThanOrEqualTo(1e-9 * Math.max(1e-300, Math.abs(want)));
                    } else {
                        assertThat(got).as(at).isEqualTo(cell.getValue());
                    }
                }
            }
        }
    }

    /** Messy rows; the test table has no column {@code b} and categories the train table never saw. */
    static String csv(int rows, long seed, boolean train) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(train ? "a,b,k,cat,flag,when,day,txt,target\n"
                : "a,k,cat,flag,when,day,txt\n");
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>();
            cells.add(gap(random) ? "" : Double.toString(random.nextInt(10) == 0 ? 1e-7 * random.nextDouble()
                    : 0.001 + 100 * random.nextDouble()));
            if (train) {
                cells.add(gap(random) ? "" : Double.toString(random.nextInt(5) == 0 ? 0 : random.nextDouble() * 50 - 10));
            }
            cells.add(gap(random) ? "" : Integer.toString(random.nextInt(train ? 40 : 60)));
            cells.add(gap(random) ? "" : "c" + random.nextInt(train ? 6 : 9));
            cells.add(gap(random) ? "" : random.nextBoolean() ? "yes" : "no");
            cells.add(gap(random) ? "" : String.format("20%02d-%02d-%02d %02d:%02d:%02d", 18 + random.nextInt(6),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60)));
            cells.add(gap(random) ? "" : String.format("20%02d-%02d-%02d", 18 + random.nextInt(6),
                    1 + random.nextInt(12), 1 + random.nextInt(28) + (random.nextInt(4) == 0 ? 3 : 0) % 31));
            StringBuilder text = new StringBuilder();
            int words = random.nextInt(7);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : random.nextInt(5) == 0 ? "  " : " ").append(WORDS[random.nextInt(
                        WORDS.length)]);
            }
            cells.add(gap(random) ? "" : "\"" + text.toString().replace("\"", "\"\"") + "\"");
            if (train) {
                cells.add(Integer.toString(random.nextInt(2)));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static boolean gap(SplittableRandom random) {
        return random.nextInt(12) == 0;
    }
}
