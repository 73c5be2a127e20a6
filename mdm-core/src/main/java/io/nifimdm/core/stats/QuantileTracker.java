package io.nifimdm.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quartiles of one numeric column. Up to the exact limit every value is kept, and the quartiles
 * are found by selection and linearly interpolated between closest ranks (numpy's default). Past it
 * the same buffer becomes a uniform reservoir sample of that many values (Vitter's Algorithm R: the
 * n-th value replaces a random slot with probability limit / n; the random index comes from one
 * LCG step and a multiply-high, a few nanoseconds, where Li's skip-based Algorithm L pays three
 * transcendental functions per replacement and replaces ~230,000 times per column per million rows),
 * and quartiles are those of the sample. By the Dvoretzky-Kiefer-Wolfowitz
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
    /** State of a 64-bit linear congruential generator; its high bits, which the multiply-high uses, are well mixed. */
    private long random;

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
                random = SEED;
            }
        } else {
            // uniform in [0, seen): the high word of a 64-bit uniform times seen (bias below seen / 2^64);
            // an inline LCG step costs a multiply, where SplittableRandom's call and mixing cost several
            random = random * 6364136223846793005L + 1442695040888963407L;
            long slot = Math.unsignedMultiplyHigh(random, seen);
            if (slot < limit) {
                values[(int) slot] = value;
            }
        }
    }

    boolean isExact() {
        return seen <= limit;
    }

    /** Bound on the rank error of the quartiles at 99% confidence; 0 while exact. */
    double rankError() {
        return isExact() ? 0.0 : Math.sqrt(Math.log(2 / 0.01) / (2.0 * limit));
    }

    /**
     * q1, median and q3 (the tracker must hold at least one value), by selection rather than a full
     * sort: after selecting rank k, everything right of k is at least as large, so the next
     * quartile is selected in that part alone, and the interpolation partner of rank k is the
     * smallest value right of it.
     */
    double[] quartiles() {
        double[] work = Arrays.copyOf(values, size);
        double[] result = new double[3];
        double[] probabilities = {0.25, 0.5, 0.75};
        int from = 0;
        for (int q = 0; q < 3; q++) {
            double position = probabilities[q] * (size - 1);
            int lower = (int) Math.floor(position);
            select(work, from, size - 1, lower);
            double fraction = position - lower;
            double value = work[lower];
            if (fraction > 0) {
                double next = work[lower + 1];
                for (int i = lower + 2; i < size; i++) {
                    next = Math.min(next, work[i]);
                }
                value += (next - value) * fraction;
            }
            result[q] = value;
            from = lower;
        }
        return result;
    }

    /**
     * Rearranges work[left..right] so that work[k] holds the value of rank k, smaller-or-equal values
     * left of it and greater-or-equal values right of it (Hoare's selection, median-of-three pivot).
     */
    static void select(double[] work, int left, int right, int k) {
        while (right > left) {
            int middle = (left + right) >>> 1;
            if (work[middle] < work[left]) {
                swap(work, middle, left);
            }
            if (work[right] < work[left]) {
                swap(work, right, left);
            }
            if (work[right] < work[middle]) {
                swap(work, right, middle);
            }
            double pivot = work[middle];
            int i = left;
            int j = right;
            while (i <= j) {
                while (work[i] < pivot) {
                    i++;
                }
                while (work[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(work, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] values, int a, int b) {
        double kept = values[a];
        values[a] = values[b];
        values[b] = kept;
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
                random = SEED;
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
        random = SEED ^ total;
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

}
