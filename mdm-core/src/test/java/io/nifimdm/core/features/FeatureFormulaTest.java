package io.nifimdm.core.features;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every generated value of a small dataset against values computed here, independently, with the train table's
 * statistics (fit once on train, applied to test): numbers by the spec's formulas, ranks by counting, quantiles by
 * numpy's linear rule, bins by pandas' edges.
 */
class FeatureFormulaTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int TRAIN_ROWS = 40;
    private static final int TEST_ROWS = 10;

    @TempDir
    java.nio.file.Path directory;

    record Row(long id, Double x, Long k, String cat, LocalDateTime when, String note, Long target) {
    }

    static List<Row> trainRows() {
        List<Row> rows = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 0; i < TRAIN_ROWS; i++) {
            Double x = i % 13 == 5 ? null : ((i * 37) % 29) * 0.75 + 0.5;
            long k = (i * 5L) % 9 - 4;
            String cat = i == 7 ? null : i % 10 < 5 ? "a" : i % 10 < 8 ? "b" : "c";
            String note = "Item " + i + (i % 3 == 0 ? " SALE #deal" : " by @shop")
                    + (i % 4 == 0 ? " www.x.com/" + i : "");
            rows.add(new Row(i + 1, x, k, cat, start.plusHours(37L * i), note, i % 3 == 0 ? 1L : 0L));
        }
        return rows;
    }

    static List<Row> testRows() {
        List<Row> rows = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2023, 12, 30, 6, 0);
        for (int j = 0; j < TEST_ROWS; j++) {
            Double x = j == 3 ? null : Math.round((j * 4.1 - 2) * 100) / 100.0;
            String cat = j % 4 == 0 ? "zzz" : j % 2 == 0 ? "a" : "b";
            rows.add(new Row(100 + j, x, null, cat, start.plusHours(50L * j), "TEST " + j + " done", null));
        }
        return rows;
    }

    static String csv(List<Row> rows, boolean train) {
        StringBuilder csv = new StringBuilder(train ? "id,x,k,cat,when,note,target\n" : "id,x,cat,when,note\n");
        for (Row r : rows) {
            csv.append(r.id()).append(',').append(r.x() == null ? "" : r.x()).append(',');
            if (train) {
                csv.append(r.k()).append(',');
            }
            csv.append(r.cat() == null ? "" : r.cat()).append(',').append(TIMESTAMP.format(r.when())).append(',')
                    .append(r.note());
            if (train) {
                csv.append(',').append(r.target());
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void everyFeatureMatchesIndependentFormulasWithTrainStatistics(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = buildSample(fixture, FeatureOptions.defaults().withMdmSignalFilter());
            FeaturePlan plan = FeatureFixtures.storedPlan(dataset);
            Expected expected = new Expected(trainRows(), plan);

            List<Map<String, Object>> train = FeatureFixtures.rows(dataset, "train_features");
            List<Map<String, Object>> test = FeatureFixtures.rows(dataset, "test_features");
            assertThat(train).hasSize(TRAIN_ROWS);
            assertThat(test).hasSize(TEST_ROWS);

            List<Map<String, Object>> expectedTrain = trainRows().stream().map(expected::features).toList();
            Set<String> informative = informative(expectedTrain);
            assertThat(informative).contains("x_log", "x_zscore", "x_percentile", "x_bin_equal", "x_bin_quantile",
                    "x_sqrt", "x_boxcox", "x_div_mean", "k_zscore", "k_percentile", "k_div_mean", "cat_frequency",
                    "cat_a", "cat_b", "cat_c", "cat_nunique_chars", "when_day", "when_hour", "when_days_since_start",
                    "note_length", "note_n_urls", "note_n_hashtags", "x_is_missing", "cat_is_missing",
                    "missing_pattern_id", "total_missing_count");
            List<String> trainColumns = FeatureFixtures.columnNames(dataset, "train_features");
            assertThat(trainColumns.subList(0, 7)).containsExactly("id", "x", "k", "cat", "when", "note", "target");
            assertThat(trainColumns.get(trainColumns.size() - 1)).isEqualTo("_mdm_row");
            assertThat(new HashSet<>(trainColumns.subList(7, trainColumns.size() - 1)))
                    .isEqualTo(informative);
            assertThat(plan.dropped()).extracting(DroppedFeature::name)
                    .containsExactlyInAnyOrderElementsOf(expectedTrain.get(0).keySet().stream()
                            .filter(name -> !informative.contains(name)).toList());

            for (int i = 0; i < TRAIN_ROWS; i++) {
                assertRow("train row " + i, train.get(i), expectedTrain.get(i), informative);
                assertThat(train.get(i).get("_mdm_row")).isEqualTo(i + 1L);
                assertThat(train.get(i).get("note")).isEqualTo(trainRows().get(i).note());
            }
            List<String> testColumns = FeatureFixtures.columnNames(dataset, "test_features");
            assertThat(testColumns).containsAll(informative).doesNotContain("k", "target");
            for (int j = 0; j < TEST_ROWS; j++) {
                assertRow("test row " + j, test.get(j), expected.features(testRows().get(j)), informative);
            }
            // fit-on-train: a test value's z-score uses the train mean and std, not the test table's own
            Map<String, Object> firstTest = test.get(0);
            assertThat((Double) firstTest.get("x_zscore")).isCloseTo((-2.0 - expected.xMean) / expected.xStd,
                    within(1e-12));
            assertThat(firstTest.get("cat_a")).isEqualTo(false);
            assertThat(firstTest.get("cat_b")).isEqualTo(false);
            assertThat(firstTest.get("cat_frequency")).isEqualTo(0L);
            assertThat(firstTest.get("k_zscore")).isNull();
        }
    }

    static Dataset buildSample(StoreFixture fixture, FeatureOptions options) {
        FeatureFixtures.register(fixture.store(), "sample", "train", csv(trainRows(), true), "target");
        FeatureFixtures.register(fixture.store(), "sample", "test", csv(testRows(), false), null);
        Dataset dataset = fixture.store().open("sample");
        FeatureResult result = FeatureGenerator.standard().run(dataset, FeatureRequest.all(options));
        assertThat(result.fitted()).isTrue();
        assertThat(result.featureTables()).containsExactlyInAnyOrder("train_features", "test_features");
        return dataset;
    }

    /** Features with at least two distinct non-null values over the train rows (what MDM's filter keeps). */
    static Set<String> informative(List<Map<String, Object>> rows) {
        Set<String> keep = new HashSet<>();
        for (String name : rows.get(0).keySet()) {
            Set<Object> seen = new HashSet<>();
            for (Map<String, Object> row : rows) {
                if (row.get(name) != null) {
                    seen.add(row.get(name));
                }
            }
            if (seen.size() > 1) {
                keep.add(name);
            }
        }
        return keep;
    }

    static void assertRow(String where, Map<String, Object> actual, Map<String, Object> expected, Set<String> names) {
        for (String name : names) {
            Object want = expected.get(name);
            Object got = actual.get(name);
            if (want instanceof Double w && got instanceof Double g) {
                assertThat(g).as(where + " " + name).isCloseTo(w, within(1e-12 * Math.max(1, Math.abs(w))));
            } else {
                assertThat(got).as(where + " " + name).isEqualTo(want);
            }
        }
    }

    /** The spec's formulas, computed here from the train rows alone. */
    static final class Expected {
        final double[] xs;
        final double xMean;
        final double xStd;
        final double[] ks;
        final double kMean;
        final double kStd;
        final Map<String, Long> catCounts = new LinkedHashMap<>();
        final LocalDateTime whenStart;
        final double lambda;
        final List<Row> train;
        final boolean interaction;

        Expected(List<Row> train, FeaturePlan plan) {
            this.train = train;
            xs = train.stream().map(Row::x).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted()
                    .toArray();
            xMean = mean(xs);
            xStd = std(xs, xMean);
            ks = train.stream().mapToDouble(r -> r.k()).sorted().toArray();
            kMean = mean(ks);
            kStd = std(ks, kMean);
            for (Row r : train) {
                if (r.cat() != null) {
                    catCounts.merge(r.cat(), 1L, Long::sum);
                }
            }
            whenStart = train.stream().map(Row::when).min(LocalDateTime::compareTo).orElseThrow();
            lambda = plan.columns().stream().filter(c -> c.name().equals("x")).findFirst().orElseThrow()
                    .numeric().boxcoxLambda();
            assertLambdaMaximisesLikelihood(xs, lambda);
            double r = pearson(train);
            interaction = Math.abs(r) >= 0.1 && Math.abs(r) < 0.95;
            assertThat(plan.interactions().isEmpty()).isEqualTo(!interaction);
        }

        static double mean(double[] v) {
            return Arrays.stream(v).sum() / v.length;
        }

        static double std(double[] v, double mean) {
            double s = 0;
            for (double d : v) {
                s += (d - mean) * (d - mean);
            }
            return Math.sqrt(s / (v.length - 1));
        }

        static double quantile(double[] sorted, double p) {
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }

        static double percentile(double[] sorted, double v) {
            long below = Arrays.stream(sorted).filter(s -> s < v).count();
            long equal = Arrays.stream(sorted).filter(s -> s == v).count();
            if (equal > 0) {
                return (below + (equal + 1) / 2.0) / sorted.length;
            }
            return Math.min(1, (below + 0.5) / sorted.length);
        }

        static long binOf(double[] edges, double v) {
            for (int i = 1; i < edges.length; i++) {
                if (v <= edges[i]) {
                    return i - 1;
                }
            }
            return edges.length - 2;
        }

        static double llf(double[] x, double lambda) {
            double[] y = Arrays.stream(x).map(v -> lambda == 0 ? Math.log(v) : (Math.pow(v, lambda) - 1) / lambda)
                    .toArray();
            double m = mean(y);
            double var = Arrays.stream(y).map(v -> (v - m) * (v - m)).sum() / y.length;
            return (lambda - 1) * Arrays.stream(x).map(Math::log).sum() - y.length / 2.0 * Math.log(var);
        }

        static void assertLambdaMaximisesLikelihood(double[] x, double lambda) {
            assertThat(llf(x, lambda)).isGreaterThanOrEqualTo(llf(x, lambda + 1e-3))
                    .isGreaterThanOrEqualTo(llf(x, lambda - 1e-3));
        }

        static double pearson(List<Row> rows) {
            List<double[]> pairs = rows.stream().filter(r -> r.x() != null)
                    .map(r -> new double[] {r.x(), r.k()}).toList();
            double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
            double my = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (double[] p : pairs) {
                sxy += (p[0] - mx) * (p[1] - my);
                sxx += (p[0] - mx) * (p[0] - mx);
                syy += (p[1] - my) * (p[1] - my);
            }
            return sxy / Math.sqrt(sxx * syy);
        }

        Map<String, Object> features(Row row) {
            Map<String, Object> f = new LinkedHashMap<>();
            Double x = row.x();
            double q1 = quantile(xs, 0.25);
            double q3 = quantile(xs, 0.75);
            double min = xs[0];
            double max = xs[xs.length - 1];
            double[] equalEdges = new double[11];
            for (int i = 0; i <= 10; i++) {
                equalEdges[i] = i == 10 ? max : min + i * ((max - min) / 10);
            }
            equalEdges[0] -= (max - min) * 0.001;
            double[] quantileEdges = Arrays.stream(new double[11]).map(d -> 0).toArray();
            for (int i = 0; i <= 10; i++) {
                quantileEdges[i] = quantile(xs, i / 10.0);
            }
            quantileEdges = Arrays.stream(quantileEdges).distinct().toArray();
            f.put("x_log", x == null || x <= -1 ? null : Math.log1p(x));
            f.put("x_zscore", x == null ? null : (x - xMean) / xStd);
            f.put("x_percentile", x == null ? null : percentile(xs, x));
            f.put("x_is_outlier", x == null ? null : x < q1 - 1.5 * (q3 - q1) || x > q3 + 1.5 * (q3 - q1));
            f.put("x_bin_equal", x == null ? null : binOf(equalEdges, x));
            f.put("x_bin_quantile", x == null ? null : binOf(quantileEdges, x));
            f.put("x_sqrt", x == null || x < 0 ? null : Math.sqrt(x));
            f.put("x_boxcox", x == null || x <= 0 ? null : (Math.pow(x, lambda) - 1) / lambda);
            f.put("x_div_mean", x == null ? null : x / xMean);

            Long k = row.k();
            double kq1 = quantile(ks, 0.25);
            double kq3 = quantile(ks, 0.75);
            f.put("k_zscore", k == null ? null : (k - kMean) / kStd);
            f.put("k_percentile", k == null ? null : percentile(ks, k));
            f.put("k_is_outlier", k == null ? null : k < kq1 - 1.5 * (kq3 - kq1) || k > kq3 + 1.5 * (kq3 - kq1));
            f.put("k_div_mean", k == null ? null : k / kMean);

            String cat = row.cat();
            long count = cat == null ? 0 : catCounts.getOrDefault(cat, 0L);
            f.put("cat_frequency", cat == null ? null : count);
            f.put("cat_frequency_ratio", cat == null ? null : count / (double) TRAIN_ROWS);
            for (String value : List.of("a", "b", "c")) {
                f.put("cat_" + value, value.equals(cat));
            }
            f.put("cat_is_rare", cat == null ? null : count < 0.01 * TRAIN_ROWS);
            f.put("cat_nunique_chars", cat == null ? 0L : (long) cat.length());

            LocalDateTime t = row.when();
            f.put("when_year", (long) t.getYear());
            f.put("when_month", (long) t.getMonthValue());
            f.put("when_day", (long) t.getDayOfMonth());
            f.put("when_dayofweek", (long) t.getDayOfWeek().getValue() - 1);
            f.put("when_hour", (long) t.getHour());
            f.put("when_is_weekend", t.getDayOfWeek().getValue() >= 6);
            f.put("when_is_month_start", t.getDayOfMonth() == 1);
            f.put("when_is_month_end", t.getDayOfMonth() == t.toLocalDate().lengthOfMonth());
            f.put("when_month_sin", Math.sin(2 * Math.PI * t.getMonthValue() / 12));
            f.put("when_month_cos", Math.cos(2 * Math.PI * t.getMonthValue() / 12));
            f.put("when_hour_sin", Math.sin(2 * Math.PI * t.getHour() / 24));
            f.put("when_hour_cos", Math.cos(2 * Math.PI * t.getHour() / 24));
            f.put("when_days_since_start", Math.floorDiv(Duration.between(whenStart, t).getSeconds(), 86400L));

            String note = row.note();
            String[] words = note.trim().split("\\s+");
            long upper = note.chars().filter(c -> c >= 'A' && c <= 'Z').count();
            long lower = note.chars().filter(c -> c >= 'a' && c <= 'z').count();
            long digits = note.chars().filter(c -> c >= '0' && c <= '9').count();
            long spaces = note.chars().filter(c -> c == ' ').count();
            long special = note.length() - upper - lower - digits - spaces;
            long unique = Arrays.stream(words).map(w -> w.toLowerCase(Locale.ROOT)).distinct().count();
            f.put("note_length", (long) note.length());
            f.put("note_word_count", (long) words.length);
            f.put("note_avg_word_length", Arrays.stream(words).mapToInt(String::length).average().orElse(0));
            f.put("note_n_uppercase", upper);
            f.put("note_n_lowercase", lower);
            f.put("note_n_digits", digits);
            f.put("note_n_spaces", spaces);
            f.put("note_n_special", special);
            f.put("note_has_digits", digits > 0);
            f.put("note_has_special", special > 0);
            f.put("note_is_upper", lower == 0 && upper > 0);
            f.put("note_is_lower", upper == 0 && lower > 0);
            f.put("note_unique_word_count", unique);
            f.put("note_unique_word_ratio", unique / (double) words.length);
            f.put("note_n_urls", (long) note.split("www\\.", -1).length - 1);
            f.put("note_n_emails", 0L);
            f.put("note_n_hashtags", (long) note.split("#", -1).length - 1);
            f.put("note_n_mentions", (long) note.split("@", -1).length - 1);

            boolean xMissing = x == null;
            boolean catMissing = cat == null;
            f.put("x_is_missing", xMissing);
            f.put("cat_is_missing", catMissing);
            long total = (xMissing ? 1 : 0) + (catMissing ? 1 : 0);
            f.put("total_missing_count", total);
            f.put("missing_ratio", total / 2.0);
            f.put("max_consecutive_missing", xMissing && catMissing ? 2L : total);
            f.put("missing_pattern_id", md5Prefix((xMissing ? "1" : "0") + (catMissing ? "1" : "0")));
            f.put("missing_together_x_cat", xMissing && catMissing);

            if (interaction) {
                boolean undefined = x == null || k == null;
                f.put("x_plus_k", undefined ? null : x + k);
                f.put("x_minus_k", undefined ? null : x - k);
                f.put("x_times_k", undefined ? null : x * k);
                f.put("x_div_k", undefined ? null : k == 0 ? 0.0 : x / k);
            }
            return f;
        }

        static long md5Prefix(String pattern) {
            try {
                byte[] digest = MessageDigest.getInstance("MD5").digest(pattern.getBytes(StandardCharsets.US_ASCII));
                StringBuilder hex = new StringBuilder();
                for (byte b : digest) {
                    hex.append(String.format("%02x", b));
                }
                return Long.parseLong(hex.substring(0, 8), 16);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
