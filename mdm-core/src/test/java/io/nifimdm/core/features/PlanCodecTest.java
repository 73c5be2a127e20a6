package io.nifimdm.core.features;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCodecTest {

    @Test
    void planSurvivesJsonIncludingUndefinedStatistics() {
        RankTable ranks = new RankTable(true, 1, new double[] {2.5}, new long[] {0}, new long[] {1});
        FeaturePlan.NumericFit single = new FeaturePlan.NumericFit(1, 2.5, Double.NaN, 2.5, 2.5, true, 1, 2.5, 2.5,
                null, null, ranks, 1.0);
        FeaturePlan plan = new FeaturePlan(FeaturePlan.FORMAT_VERSION, "train", 1, "2026-01-01T00:00:00Z", "y",
                FeatureOptions.defaults().withCustomFeatures(Map.of("r", "a * b")),
                List.of(new FeaturePlan.ColumnFit("x", "statistical", ColumnType.DECIMAL, single, null, null)),
                new FeaturePlan.MissingFit(List.of("x"), List.of("x"), List.of("x")), List.of(),
                List.of(new FeaturePlan.CustomFit("r", "a * b", ColumnType.DECIMAL)), List.of("x_percentile"),
                List.of(new DroppedFeature("x_zscore", "constant")));

        String json = PlanCodec.toJson(plan);
        FeaturePlan back = PlanCodec.fromJson(json);

        assertThat(json).contains("\"formatVersion\" : 1").contains("\"fitTable\" : \"train\"");
        assertThat(back.columns().get(0).numeric().std()).isNaN();
        assertThat(back.columns().get(0).numeric().ranks().percentile(2.5)).isEqualTo(1.0);
        assertThat(back.options()).isEqualTo(plan.options());
        assertThat(back.features()).containsExactly("x_percentile");
        assertThat(back.dropped()).containsExactly(new DroppedFeature("x_zscore", "constant"));
        assertThat(back.custom()).containsExactly(new FeaturePlan.CustomFit("r", "a * b", ColumnType.DECIMAL));
    }

    @Test
    void newerOrUnreadablePlansAreRefusedWithAReason() {
        assertThatThrownBy(() -> PlanCodec.fromJson("{\"formatVersion\": 99}")).isInstanceOf(MdmException.class)
                .hasMessageContaining("format version 99");
        assertThatThrownBy(() -> PlanCodec.fromJson("not json")).isInstanceOf(MdmException.class)
                .hasMessageContaining("not readable");
    }

    @Test
    void summaryRanksStayWithinTheDocumentedBound() {
        SortedValueCounts counts = new SortedValueCounts();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts.add(i * 0.5, 1 + (i % 3 == 0 ? 1 : 0));
        }
        RankTable table = counts.rankTable();
        RankLookup lookup = new RankLookup(table);
        assertThat(table.exact()).isFalse();
        assertThat(table.values().length).isLessThan(2 * RankTable.SUMMARY_POINTS + 2);
        long total = counts.n();
        long below = 0;
        for (int i = 0; i < n; i++) {
            long count = 1 + (i % 3 == 0 ? 1 : 0);
            double exact = (below + (count + 1) / 2.0) / total;
            assertThat(Math.abs(table.percentile(i * 0.5) - exact)).isLessThanOrEqualTo(2.0 / RankTable.SUMMARY_POINTS);
            assertThat(lookup.percentile(i * 0.5)).isEqualTo(table.percentile(i * 0.5));
            assertThat(lookup.percentile(i * 0.5 + 0.25)).isEqualTo(table.percentile(i * 0.5 + 0.25));
            below += count;
        }
        for (double outside : new double[] {-1, 1e9, Double.NaN}) {
            assertThat(lookup.percentile(outside)).isEqualTo(table.percentile(outside));
        }
    }
}
