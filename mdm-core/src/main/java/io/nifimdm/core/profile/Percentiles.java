package io.nifimdm.core.profile;

import java.util.List;

/** The percentiles MDM's full statistics report, linearly interpolated between the closest ranks. */
public record Percentiles(double p1, double p5, double p25, double p75, double p95, double p99) {

    /** The probabilities of the fields, in field order. */
    public static final List<Double> PROBABILITIES = List.of(0.01, 0.05, 0.25, 0.75, 0.95, 0.99);

    static Percentiles of(double[] values) {
        return new Percentiles(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /** The values in {@link #PROBABILITIES} order. */
    public List<Double> values() {
        return List.of(p1, p5, p25, p75, p95, p99);
    }

    /** Position {@code p * (n - 1)} of a probability among n sorted values, as every engine's interpolation uses it. */
    static double position(double probability, long count) {
        return probability * (count - 1);
    }
}
