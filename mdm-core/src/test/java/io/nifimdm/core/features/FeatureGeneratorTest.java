package io.nifimdm.core.features;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Order independence, fit-on-train, custom features, the signal filter's reasons and the options. */
class FeatureGeneratorTest {

    @TempDir
    Path directory;

    private static final FeatureOptions KEEP_ALL = FeatureOptions.defaults().withMdmSignalFilter();

    private static String numbers(String header, int rows, java.util.function.IntFunction<String> line) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(line.apply(i)).append('\n');
        }
        return csv.toString();
    }

    private static String train() {
        return numbers("id,price,quantity,color,target", 60,
                i -> (i + 1) + "," + (10 + (i * 7) % 13 + 0.25) + "," + (1 + (i * 3) % 5) + ","
                        + (i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : "blue") + "," + (i % 3 == 0 || i % 7 == 0 ? 1 : 0));
    }

    private static String test() {
        return numbers("id,price,color", 5, i -> (100 + i) + "," + (5.5 + i * 10) + "," + (i == 0 ? "purple" : "red"));
    }

    private static FeatureResult run(Dataset dataset, String trigger, FeatureOptions options) {
        return FeatureGenerator.standard().run(dataset, new FeatureRequest(trigger, null, List.of(), false, options));
    }

    private static Map<String, TableInfo> tables(Dataset dataset) throws Exception {
        try (Connection connection = dataset.openReadConnection()) {
            Map<String, TableInfo> byName = new LinkedHashMap<>();
            for (TableInfo table : dataset.metadata().tables(connection)) {
                byName.put(table.name(), table);
            }
            return byName;
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void testBeforeTrainIsPendingAndTrainThenBuildsEveryTable(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "test", test(), null);
            Dataset dataset = fixture.store().open("shop");
            FeatureFixtures.register(fixture.store(), "shop", "other", test(), null);

            FeatureResult early = run(dataset, "test", KEEP_ALL);
            assertThat(early.pending()).isTrue();
            assertThat(early.featureTables()).isEmpty();
            assertThat(tables(dataset)).doesNotContainKey("test_features");

            FeatureFixtures.register(fixture.store(), "shop", "train", train(), "target");
            FeatureResult fitted = run(dataset, "train", KEEP_ALL);
            assertThat(fitted.pending()).isFalse();
            assertThat(fitted.fitted()).isTrue();
            assertThat(fitted.planVersion()).isEqualTo(1);
            assertThat(fitted.fitTable()).isEqualTo("train");
            assertThat(fitted.rowsByTable()).containsEntry("train_features", 60L).containsEntry("test_features", 5L)
                    .containsEntry("other_features", 5L);

            TableInfo info = tables(dataset).get("test_features");
            assertThat(info.kind()).isEqualTo(TableKind.FEATURES);
            assertThat(info.sourceTable()).isEqualTo("test");
            assertThat(info.rowCount()).isEqualTo(5);

            // fit-on-train: test rows use the train mean and std; an unseen colour gets no one-hot; quantity is absent
            FeaturePlan plan = FeatureFixtures.storedPlan(dataset);
            FeaturePlan.NumericFit price = plan.columns().stream().filter(c -> c.name().equals("price")).findFirst()
                    .orElseThrow().numeric();
            List<Map<String, Object>> rows = FeatureFixtures.rows(dataset, "test_features");
            assertThat((Double) rows.get(0).get("price_zscore"))
                    .isCloseTo((5.5 - price.mean()) / price.std(), within(1e-12));
            assertThat(rows.get(0)).containsEntry("color_red", false).containsEntry("color_green", false)
                    .containsEntry("color_blue", false).containsEntry("color_frequency", 0L)
                    .containsEntry("quantity_zscore", null);
            assertThat(rows.get(1)).containsEntry("color_red", true).containsEntry("color_frequency", 15L);
            assertThat(FeatureFixtures.columnNames(dataset, "test_features")).contains("quantity_zscore")
                    .doesNotContain("quantity", "target");

            // another table after the plan: the stored plan is applied to that table only
            FeatureFixtures.replace(fixture.store(), "shop", "test", numbers("id,price,color", 2,
                    i -> (200 + i) + ",1000.5,green"));
            FeatureResult applied = run(dataset, "test", KEEP_ALL);
            assertThat(applied.fitted()).isFalse();
            assertThat(applied.featureTables()).containsExactly("test_features");
            List<Map<String, Object>> replaced = FeatureFixtures.rows(dataset, "test_features");
            assertThat(replaced).hasSize(2);
            assertThat((Double) replaced.get(0).get("price_zscore"))
                    .isCloseTo((1000.5 - price.mean()) / price.std(), within(1e-9));
        }
    }

    @Test
    void fitTableTriggerRefitsAndRebuildsOthersWithNewStatistics() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "train", train(), "target");
            FeatureFixtures.register(fixture.store(), "shop", "test", test(), null);
            Dataset dataset = fixture.store().open("shop");
            assertThat(run(dataset, null, KEEP_ALL).planVersion()).isEqualTo(1);
            List<Map<String, Object>> before = FeatureFixtures.rows(dataset, "test_features");

            FeatureFixtures.replace(fixture.store(), "shop", "train", numbers("id,price,quantity,color,target", 30,
                    i -> (i + 1) + "," + (100 + i * 3.5) + "," + (1 + i % 4) + "," + (i % 2 == 0 ? "red" : "blue")
                            + "," + (i % 2)));
            FeatureResult refit = run(dataset, "train", KEEP_ALL);
            assertThat(refit.fitted()).isTrue();
            assertThat(refit.planVersion()).isEqualTo(2);
            assertThat(refit.featureTables()).containsExactlyInAnyOrder("train_features", "test_features");
            List<Map<String, Object>> after = FeatureFixtures.rows(dataset, "test_features");
            assertThat(after.get(0).get("price_zscore")).isNotEqualTo(before.get(0).get("price_zscore"));
            assertThat(FeatureFixtures.columnNames(dataset, "test_features")).doesNotContain("color_green");

            // a trigger without a table reuses the stored plan unless refit is asked for
            FeatureResult reuse = run(dataset, null, KEEP_ALL);
            assertThat(reuse.fitted()).isFalse();
            assertThat(reuse.planVersion()).isZero();
            FeatureResult forced = FeatureGenerator.standard().run(dataset,
                    new FeatureRequest(null, null, List.of("test"), true, KEEP_ALL));
            assertThat(forced.fitted()).isTrue();
            assertThat(forced.featureTables()).containsExactly("test_features");
        }
    }

    @Test
    void progressIsToldAfterTheFitAndEveryTable() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "train", train(), "target");
            FeatureFixtures.register(fixture.store(), "shop", "test", test(), null);
            Dataset dataset = fixture.store().open("shop");
            List<String> steps = new java.util.ArrayList<>();
            List<long[]> counts = new java.util.ArrayList<>();
            FeatureGenerator.standard().run(dataset, FeatureRequest.all(FeatureOptions.defaults()),
                    (step, done, total) -> {
                        steps.add(step);
                        counts.add(new long[] {done, total});
                    });
            assertThat(steps).containsExactly("start", "fit train", "train_features", "test_features");
            long trainRows = FeatureFixtures.rows(dataset, "train_features").size();
            long testRows = FeatureFixtures.rows(dataset, "test_features").size();
            long total = 2 * trainRows + testRows;
            assertThat(counts).extracting(c -> c[1]).containsOnly(total);
            assertThat(counts).extracting(c -> c[0]).containsExactly(0L, trainRows, 2 * trainRows, total);
        }
    }

    @Test
    void fitTableFallsBackToDataThenToTheOnlyTable() {
        assertThat(FeatureGenerator.resolveFitTable("train", List.of("data", "extra"))).isEqualTo("data");
        assertThat(FeatureGenerator.resolveFitTable("train", List.of("sales"))).isEqualTo("sales");
        assertThat(FeatureGenerator.resolveFitTable("mine", List.of("mine", "data"))).isEqualTo("mine");
        assertThat(FeatureGenerator.resolveFitTable("train", List.of("a", "b"))).isNull();
        assertThat(FeatureGenerator.resolveFitTable("train", List.of("test"))).isNull();
        assertThat(FeatureGenerator.resolveFitTable("train", List.of("validation"))).isNull();
    }

    @Test
    void customFeaturesAreEvaluatedByTheEngineAndNullWhereAColumnIsMissing() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "train", train(), "target");
            FeatureFixtures.register(fixture.store(), "shop", "test", test(), null);
            Dataset dataset = fixture.store().open("shop");
            FeatureOptions options = KEEP_ALL.withCustomFeatures(Map.of("revenue", "price * quantity",
                    "is red", "CASE WHEN color = 'red' THEN 1 ELSE 0 END"));
            run(dataset, null, options);
            List<Map<String, Object>> train = FeatureFixtures.rows(dataset, "train_features");
            for (Map<String, Object> row : train) {
                assertThat((Double) row.get("revenue"))
                        .isCloseTo((Double) row.get("price") * (Long) row.get("quantity"), within(1e-12));
                assertThat(row.get("is red")).isEqualTo("red".equals(row.get("color")) ? 1L : 0L);
            }
            List<Map<String, Object>> test = FeatureFixtures.rows(dataset, "test_features");
            assertThat(test).allSatisfy(row -> assertThat(row).containsEntry("revenue", null));
            assertThat(test.get(1)).containsEntry("is red", 1L);

            // an expression that does not evaluate on the fit table fails, and leaves the feature tables as they were
            FeatureOptions broken = KEEP_ALL.withCustomFeatures(Map.of("bad", "no_such_column * 2"));
            assertThatThrownBy(() -> FeatureGenerator.standard().run(dataset,
                    new FeatureRequest(null, null, List.of(), true, broken)))
                    .isInstanceOf(MdmException.class).hasMessageContaining("custom feature 'bad'")
                    .hasMessageContaining("train");
            assertThat(FeatureFixtures.rows(dataset, "train_features")).isEqualTo(train);
            assertThat(FeatureFixtures.storedPlan(dataset).custom()).extracting(FeaturePlan.CustomFit::name)
                    .containsExactlyInAnyOrder("revenue", "is red");
        }
    }

    @Test
    void customExpressionValidationRejectsStatementsSubqueriesAndBrokenSyntax() {
        assertThat(CustomFeatureExpressions.validate("price * quantity")).isEmpty();
        assertThat(CustomFeatureExpressions.validate("CASE WHEN \"my col\" > 'a;b' THEN 1 ELSE 0 END")).isEmpty();
        assertThat(CustomFeatureExpressions.validate("price; DROP TABLE train")).get().asString().contains("';'");
        assertThat(CustomFeatureExpressions.validate("(SELECT max(price) FROM other)")).get().asString()
                .contains("SELECT");
        assertThat(CustomFeatureExpressions.validate("price -- comment")).get().asString().contains("comments");
        assertThat(CustomFeatureExpressions.validate("(price * 2")).get().asString().contains("unbalanced");
        assertThat(CustomFeatureExpressions.validate("'open")).get().asString().contains("unterminated");
        assertThat(CustomFeatureExpressions.validate("read_csv('/etc/passwd')")).get().asString()
                .contains("read_csv");
        assertThat(CustomFeatureExpressions.validate(" ")).get().asString().contains("empty");
        assertThat(CustomFeatureExpressions.validateName("_MDM_ROW")).get().asString().contains("reserved");
    }

    @Test
    void signalFilterDropsNullConstantCorrelatedAndSparseFeaturesWithReasons() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "train", numbers("id,price,quantity,target", 200,
                    i -> (i + 1) + "," + (10 + (i * 7) % 13 + 0.25) + "," + (1 + (i * 3) % 5) + "," + (i % 2)),
                    "target");
            Dataset dataset = fixture.store().open("shop");
            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("nothing", "NULL");
            custom.put("always_one", "1");
            custom.put("price_twice", "price * 2");
            custom.put("price_nearly", "price + (quantity * 0.01)");
            custom.put("rare_flag", "CASE WHEN id = 7 THEN 1 ELSE 0 END");
            custom.put("tiny_spread", "1 + quantity * 0.001");
            FeatureOptions options = FeatureOptions.defaults().withFamilies(true, false, false, false, false, false)
                    .withSignalFilter(true, true, 0.0001, 0.95, 0.01).withCustomFeatures(custom);
            FeatureResult result = run(dataset, null, options);

            Map<String, String> reasons = new LinkedHashMap<>();
            result.dropped().forEach(d -> reasons.put(d.name(), d.reason()));
            assertThat(reasons.get("nothing")).isEqualTo("all null");
            assertThat(reasons.get("always_one")).isEqualTo("constant");
            assertThat(reasons.get("price_twice")).startsWith("correlated with price_");
            assertThat(reasons.get("price_nearly")).startsWith("correlated with price_");
            assertThat(reasons.get("rare_flag")).startsWith("sparse (non-zero ratio 0.005000");
            assertThat(reasons.get("tiny_spread")).startsWith("low variance");
            assertThat(reasons.get("price_div_mean")).startsWith("correlated with price_log");
            assertThat(result.features()).contains("price_log", "quantity_log")
                    .doesNotContainAnyElementsOf(reasons.keySet());
            assertThat(FeatureFixtures.columnNames(dataset, "train_features")).contains("price_log")
                    .doesNotContain("price_twice", "nothing", "rare_flag");
        }
    }

    @Test
    void targetEncodingIsOutOfFoldOnTheFitTableAndFullElsewhere() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            FeatureFixtures.register(fixture.store(), "shop", "train", train(), "target");
            FeatureFixtures.register(fixture.store(), "shop", "test", test(), null);
            Dataset dataset = fixture.store().open("shop");
            run(dataset, null, KEEP_ALL.withOptions(false, false, false, false, 3.0, true, 5));
            List<Map<String, Object>> train = FeatureFixtures.rows(dataset, "train_features");
            int[] folds = new int[train.size()];
            for (int i = 0; i < train.size(); i++) {
                Object[] source = train.get(i).values().stream().limit(5).toArray();
                folds[i] = FeatureComputer.foldOf(source, 5, 5);
            }
            assertThat(java.util.Arrays.stream(folds).distinct().count()).isEqualTo(5);
            for (int i = 0; i < train.size(); i++) {
                String color = (String) train.get(i).get("color");
                double sum = 0;
                int count = 0;
                for (int j = 0; j < train.size(); j++) {
                    if (folds[j] != folds[i] && color.equals(train.get(j).get("color"))) {
                        sum += (Long) train.get(j).get("target");
                        count++;
                    }
                }
                assertThat((Double) train.get(i).get("color_target_mean")).as("row " + i)
                        .isCloseTo(sum / count, within(1e-12));
            }
            double redMean = train.stream().filter(r -> r.get("color").equals("red"))
                    .mapToLong(r -> (Long) r.get("target")).average().orElseThrow();
            double prior = train.stream().mapToLong(r -> (Long) r.get("target")).average().orElseThrow();
            List<Map<String, Object>> test = FeatureFixtures.rows(dataset, "test_features");
            assertThat((Double) test.get(1).get("color_target_mean")).isCloseTo(redMean, within(1e-12));
            assertThat((Double) test.get(0).get("color_target_mean")).isCloseTo(prior, within(1e-12));
        }
    }
}
