package io.nifimdm.core.stats;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quartiles of one numeric column: exact (every value kept, sorted at the end, linear
 * interpolation like numpy) up to the exact limit, then a KLL sketch fed in chunks. Not thread-safe.
 */
final class QuantileTracker {

    private static final int CHUNK = 1024;

    private final int exactLimit;
    private final int kllK;
    private double[] values = new double[256];
    private int size;
    private KllDoublesSketch sketch;

    QuantileTracker(StatisticsOptions options) {
        this.exactLimit = options.quantileExactLimit();
        this.kllK = options.kllK();
    }

    void add(double value) {
        if (size == values.length) {
            makeRoom();
        }
        values[size++] = value;
    }

    private void makeRoom() {
        if (sketch != null) {
            sketch.update(values, 0, size);
            size = 0;
        } else if (size >= exactLimit) {
            sketch = KllDoublesSketch.newHeapInstance(kllK);
            sketch.update(values, 0, size);
            values = new double[CHUNK];
            size = 0;
        } else {
            values = Arrays.copyOf(values, Math.min(exactLimit, values.length * 2));
        }
    }

    boolean isExact() {
        return sketch == null;
    }

    /** Normalized rank error of the sketch at 99% confidence; 0 while exact. */
    double rankError() {
        return sketch == null ? 0.0 : sketch.getNormalizedRankError(false);
    }

    /** q1, median and q3; the tracker must hold at least one value. */
    double[] quartiles() {
        if (sketch == null) {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return new double[] {interpolate(sorted, 0.25), interpolate(sorted, 0.5), interpolate(sorted, 0.75)};
        }
        flush();
        return sketch.getQuantiles(new double[] {0.25, 0.5, 0.75}, QuantileSearchCriteria.INCLUSIVE);
    }

    void merge(QuantileTracker other) {
        if (sketch == null && other.sketch == null && size + other.size <= exactLimit) {
            if (size + other.size > values.length) {
                values = Arrays.copyOf(values, Math.max(size + other.size, Math.min(exactLimit, values.length * 2)));
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
            return;
        }
        if (sketch == null) {
            sketch = KllDoublesSketch.newHeapInstance(kllK);
            sketch.update(values, 0, size);
            values = new double[CHUNK];
            size = 0;
        }
        if (other.sketch != null) {
            sketch.merge(other.sketch);
        }
        sketch.update(other.values, 0, other.size);
    }

    private void flush() {
        if (size > 0) {
            sketch.update(values, 0, size);
            size = 0;
        }
    }

    /** Linear interpolation between closest ranks, numpy's default ("linear") method. */
    static double interpolate(double[] sorted, double probability) {
        double position = probability * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return fraction == 0 ? sorted[lower] : sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }
}
