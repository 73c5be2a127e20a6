package io.nifimdm.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quartiles of one numeric column. Up to the exact limit every value is kept, sorted at the end
 * and linearly interpolated (numpy's default). Past it the same buffer becomes a uniform reservoir
 * sample of that many values (Li's Algorithm L: random skips, so an unsampled value costs only a
 * counter decrement), and quartiles are those of the sample. By the Dvoretzky-Kiefer-Wolfowitz
 * inequality the sample's distribution function is within sqrt(ln(2/0.01) / (2 * size)) of the
 * column's everywhere, with 99% probability: 0.51% of ranks at the default 100,000 values. The
 * random sequence is seeded, so the same rows in the same order give the same result.
 * Not thread-safe.
 */
final class QuantileTracker {

    private static final long SEED = 0x5DEECE66DL;

    private final int limit;
    private double[] values = new double[256];
    private int size;
    private long seen;
    private SplittableRandom random;
    private double w;
    private long nextSampled;

    QuantileTracker(StatisticsOptions options) {
        this.limit = options.quantileExactLimit();
    }

    void add(double value) {
        seen++;
        if (size < limit) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(limit, values.length * 2));
            }
            values[size++] = value;
            if (size == limit) {
                startSampling();
            }
        } else if (seen == nextSampled) {
            values[random.nextInt(limit)] = value;
            skip();
        }
    }

    private void startSampling() {
        random = new SplittableRandom(SEED);
        w = Math.exp(Math.log(random.nextDouble()) / limit);
        nextSampled = seen;
        skip();
    }

    /** Algorithm L: the number of values to pass over before the next one enters the sample. */
    private void skip() {
        double u = random.nextDouble();
        nextSampled += (long) Math.floor(Math.log(u) / Math.log1p(-w)) + 1;
        w *= Math.exp(Math.log(random.nextDouble()) / limit);
    }

    boolean isExact() {
        return seen <= limit;
    }

    /** Bound on the rank error of the quartiles at 99% confidence; 0 while exact. */
    double rankError() {
        return isExact() ? 0.0 : Math.sqrt(Math.log(2 / 0.01) / (2.0 * limit));
    }

    /** q1, median and q3; the tracker must hold at least one value. */
    double[] quartiles() {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new double[] {interpolate(sorted, 0.25), interpolate(sorted, 0.5), interpolate(sorted, 0.75)};
    }

    /**
     * Combines two trackers into a uniform sample of the union (exact while the union fits): the
     * number of values to take from each side follows the hypergeometric distribution of a uniform
     * draw from both populations, and each side gives a uniform subset of its own sample.
     */
    void merge(QuantileTracker other) {
        long total = seen + other.seen;
        if (total <= limit) {
            if (total > values.length) {
                values = Arrays.copyOf(values, (int) Math.max(total, Math.min(limit, values.length * 2L)));
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
            seen = total;
            if (size == limit) {
                startSampling();
            }
            return;
        }
        SplittableRandom mergeRandom = new SplittableRandom(SEED ^ total);
        long mineLeft = seen;
        long theirsLeft = other.seen;
        int fromMine = 0;
        for (int i = 0; i < limit; i++) {
            if (mergeRandom.nextLong(mineLeft + theirsLeft) < mineLeft) {
                fromMine++;
                mineLeft--;
            } else {
                theirsLeft--;
            }
        }
        double[] merged = new double[limit];
        int taken = takeRandom(values, size, fromMine, merged, 0, mergeRandom);
        takeRandom(other.values.clone(), other.size, limit - fromMine, merged, taken, mergeRandom);
        values = merged;
        size = limit;
        seen = total;
        random = new SplittableRandom(SEED ^ total ^ 1);
        w = Math.exp(Math.log(random.nextDouble()) / limit);
        nextSampled = seen;
        skip();
    }

    /** Moves count uniformly chosen values of source[0..available) to target (partial Fisher-Yates). */
    private static int takeRandom(double[] source, int available, int count, double[] target, int at,
            SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int pick = i + random.nextInt(available - i);
            double chosen = source[pick];
            source[pick] = source[i];
            source[i] = chosen;
            target[at + i] = chosen;
        }
        return at + count;
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
