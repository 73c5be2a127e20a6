package io.nifimdm.core.features;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same data gives the same feature tables, column for column and value for value, on all three engines. */
class CrossEngineFeatureTest {

    @TempDir
    Path directory;

    @Test
    void allEnginesAgreeWithinOneBillionth() throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withMdmSignalFilter().withOptions(true, true, true, true, 2.0, true, 5)
                .withCustomFeatures(Map.of("x_plus_one", "x + 1"));
        Map<String, List<Map<String, Object>>> reference = null;
        for (BackendKind kind : BackendKind.values()) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id()))) {
                Dataset dataset = FeatureFormulaTest.buildSample(fixture, options);
                Map<String, List<Map<String, Object>>> tables = Map.of(
                        "train_features", FeatureFixtures.rows(dataset, "train_features"),
                        "test_features", FeatureFixtures.rows(dataset, "test_features"));
                if (reference == null) {
                    reference = tables;
                    assertThat(tables.get("train_features").get(0)).containsKeys("x_squared", "k_squared",
                            "when_dayofweek_sin", "cat_target_mean", "x_plus_one");
                    continue;
                }
                for (String table : tables.keySet()) {
                    List<Map<String, Object>> expected = reference.get(table);
                    List<Map<String, Object>> actual = tables.get(table);
                    assertThat(actual).hasSameSizeAs(expected);
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(actual.get(i).keySet()).as(kind + " " + table).isEqualTo(expected.get(i).keySet());
                        for (Map.Entry<String, Object> cell : expected.get(i).entrySet()) {
                            Object got = actual.get(i).get(cell.getKey());
                            String where = kind + " " + table + " row " + i + " " + cell.getKey();
                            if (cell.getValue() instanceof Double want) {
                                assertThat(got).as(where).isInstanceOf(Double.class);
                                assertThat(Math.abs((Double) got - want)).as(where)
                                        .isLessThanOrEqualTo(1e-9 * Math.max(1e-300, Math.abs(want)));
                            } else {
                                assertThat(got).as(where).isEqualTo(cell.getValue());
                            }
                        }
                    }
                }
            }
        }
    }
}
