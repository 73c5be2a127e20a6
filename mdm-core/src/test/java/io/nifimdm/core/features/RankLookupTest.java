package io.nifimdm.core.features;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucketed lookup gives exactly the table's percentile, bit for bit, for values on, between and beyond it. */
class RankLookupTest {

    private static RankTable table(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        SortedValueCounts counts = new SortedValueCounts();
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && Double.compare(sorted[j], sorted[i]) == 0) {
                j++;
            }
            counts.add(sorted[i], j - i);
            i = j;
        }
        return counts.rankTable();
    }

    private static void assertSameAsTable(RankTable table, double[] probes) {
        RankLookup lookup = new RankLookup(table);
        for (double v : probes) {
            assertThat(Double.doubleToRawLongBits(lookup.percentile(v))).as("percentile of %s", v)
                    .isEqualTo(Double.doubleToRawLongBits(table.percentile(v)));
        }
    }

    @Test
    void skewedSummaryAndExactTablesAgreeWithTheTable() {
        SplittableRandom random = new SplittableRandom(3);
        for (int shape = 0; shape < 4; shape++) {
            int n = shape == 3 ? 2_000 : 200_000;
            double[] sample = new double[n];
            for (int i = 0; i < n; i++) {
                double g = random.nextGaussian();
                sample[i] = switch (shape) {
                    case 0 -> Math.round(Math.exp(1 + 0.75 * g) * 1e4) / 1e4; // log-normal, a long right tail
                    case 1 -> Math.round(100 * g * 1e4) / 1e4; // both signs, zero among them
                    case 2 -> random.nextInt(-50, 50) * (random.nextInt(100) == 0 ? 1e6 : 1); // crowded, far outliers
                    default -> i % 7 == 0 ? -0.0 : i % 11 == 0 ? 0.0 : random.nextInt(-300, 300) * 0.5;
                };
            }
            RankTable table = table(sample);
            double[] probes = new double[3 * n + 8];
            for (int i = 0; i < n; i++) {
                probes[3 * i] = sample[i];
                probes[3 * i + 1] = sample[i] + 0.00005;
                probes[3 * i + 2] = Math.nextDown(sample[i]);
            }
            double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e300, 1e300,
                table.values()[table.values().length - 1]};
            System.arraycopy(edges, 0, probes, 3 * n, edges.length);
            assertSameAsTable(table, probes);
        }
    }
}
