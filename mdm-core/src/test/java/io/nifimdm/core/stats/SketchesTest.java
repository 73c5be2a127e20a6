package io.nifimdm.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SketchesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 1_000, 20_000, 45_000, 70_000, 150_000, 2_000_000})
    void hyperLogLogEstimatesEveryRangeOfCardinalityWithinThreeStandardErrors(int cardinality) {
        HyperLogLog sketch = new HyperLogLog(14);
        for (long value = 0; value < cardinality; value++) {
            sketch.add(Hashing.mix(value * 7919 + 13));
            sketch.add(Hashing.mix(value * 7919 + 13)); // repeats change nothing
        }

        double bound = 3 * sketch.relativeStandardError() * cardinality;
        assertThat(sketch.estimate()).isCloseTo(cardinality, within(Math.max(bound, 0.5)));
    }

    @Test
    void mergedHyperLogLogsEqualTheSketchOfTheUnion() {
        HyperLogLog left = new HyperLogLog(12);
        HyperLogLog right = new HyperLogLog(12);
        HyperLogLog union = new HyperLogLog(12);
        for (long value = 0; value < 50_000; value++) {
            long hash = Hashing.mix(value);
            (value % 3 == 0 ? left : right).add(hash);
            if (value % 5 == 0) {
                left.add(hash); // overlap
            }
            union.add(hash);
        }
        left.merge(right);

        assertThat(left.estimate()).isEqualTo(union.estimate());
    }

    @Test
    void frequentItemsBoundEveryCountOfASkewedStream() {
        FrequentItems summary = new FrequentItems(64);
        Map<String, Long> truth = new HashMap<>();
        Random random = new Random(1);
        int length = 200_000;
        for (int i = 0; i < length; i++) {
            // Zipf-like: value k with weight about 1/k over 10,000 values
            String item = "v" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(10_000)));
            truth.merge(item, 1L, Long::sum);
            summary.add(Hashing.ofString(item), item, 1);
        }

        assertThat(summary.maximumError()).isPositive().isLessThanOrEqualTo(2L * length / 64);
        Map<String, Long> reported = new HashMap<>();
        summary.forEach(reported::put);
        reported.forEach((item, estimate) ->
                assertThat(estimate).as(item).isBetween(truth.get(item) - summary.maximumError(), truth.get(item)));
        truth.forEach((item, count) -> {
            if (count > summary.maximumError()) {
                assertThat(reported).as("every item above the error is kept").containsKey(item);
            }
        });
    }
}
