package io.nifimdm.core.features;

import java.util.Arrays;

/**
 * The distinct non-null values of one numeric column with their counts, streamed in ascending order from the engine
 * ({@code SELECT x, COUNT(*) ... GROUP BY x ORDER BY x}). Memory is bounded: past {@link #MAX_POINTS} entries,
 * neighbouring entries are merged pairwise (the lower value keeps the pair's count), so quantities derived from a
 * compacted column are approximations whose rank error is at most the largest merged weight; columns with up to
 * {@value #MAX_POINTS} distinct values are exact.
 */
final class SortedValueCounts {

    static final int MAX_POINTS = 1 << 20;
    private static final int BOXCOX_POINTS = 1 << 14;

    private double[] values = new double[1024];
    private long[] counts = new long[1024];
    private int size;
    private long n;
    private long distinct;
    private boolean compacted;

    void add(double value, long count) {
        if (size == values.length) {
            if (size >= MAX_POINTS) {
                compact();
            } else {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
        }
        values[size] = value;
        counts[size] = count;
        size++;
        n += count;
        distinct++;
    }

    private void compact() {
        int out = 0;
        for (int i = 0; i < size; i += 2) {
            values[out] = values[i];
            counts[out] = counts[i] + (i + 1 < size ? counts[i + 1] : 0);
            out++;
        }
        size = out;
        compacted = true;
    }

    long n() {
        return n;
    }

    long distinct() {
        return distinct;
    }

    boolean exact() {
        return !compacted;
    }

    /** Linear-interpolated quantile (numpy's default) of the values with their multiplicities. */
    double quantile(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        long k = (long) Math.floor(h);
        double fraction = h - k;
        double lower = valueAtOrder(k);
        if (fraction == 0) {
            return lower;
        }
        double upper = valueAtOrder(Math.min(n - 1, k + 1));
        return lower + fraction * (upper - lower);
    }

    private double valueAtOrder(long order) {
        long cumulative = 0;
        // linear scans are fine: called a dozen times per column over at most MAX_POINTS entries
        for (int i = 0; i < size; i++) {
            cumulative += counts[i];
            if (order < cumulative) {
                return values[i];
            }
        }
        return values[size - 1];
    }

    RankTable rankTable() {
        long[] below = new long[size];
        long cumulative = 0;
        for (int i = 0; i < size; i++) {
            below[i] = cumulative;
            cumulative += counts[i];
        }
        if (!compacted && size <= RankTable.MAX_EXACT_VALUES) {
            return new RankTable(true, n, Arrays.copyOf(values, size), below, Arrays.copyOf(counts, size));
        }
        double step = (double) n / RankTable.SUMMARY_POINTS;
        double next = step;
        double[] keptValues = new double[RankTable.SUMMARY_POINTS * 2 + 2];
        long[] keptBelow = new long[keptValues.length];
        long[] keptCounts = new long[keptValues.length];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long end = below[i] + counts[i];
            boolean keep = i == 0 || i == size - 1 || counts[i] >= step || end >= next;
            if (keep) {
                if (kept == keptValues.length) {
                    keptValues = Arrays.copyOf(keptValues, kept * 2);
                    keptBelow = Arrays.copyOf(keptBelow, kept * 2);
                    keptCounts = Arrays.copyOf(keptCounts, kept * 2);
                }
                keptValues[kept] = values[i];
                keptBelow[kept] = below[i];
                keptCounts[kept] = counts[i];
                kept++;
                if (end >= next) {
                    next = (Math.floor(end / step) + 1) * step;
                }
            }
        }
        return new RankTable(false, n, Arrays.copyOf(keptValues, kept), Arrays.copyOf(keptBelow, kept),
                Arrays.copyOf(keptCounts, kept));
    }

    /**
     * Box-Cox lambda maximising the log-likelihood {@code (l - 1) sum(ln x) - n/2 ln(var(y_l))} (biased variance, as
     * scipy's {@code boxcox_llf}), by golden-section search on [-5, 5]. Requires all values positive. Columns with more
     * than {@value #BOXCOX_POINTS} distinct values are first merged into that many weighted groups (mean log per group).
     */
    double boxcoxLambda() {
        int groups = Math.min(size, BOXCOX_POINTS);
        double[] logs = new double[groups];
        double[] weights = new double[groups];
        int perGroup = (size + groups - 1) / groups;
        int g = 0;
        for (int start = 0; start < size; start += perGroup, g++) {
            double weightedLog = 0;
            long weight = 0;
            for (int i = start; i < Math.min(size, start + perGroup); i++) {
                weightedLog += counts[i] * Math.log(values[i]);
                weight += counts[i];
            }
            logs[g] = weightedLog / weight;
            weights[g] = weight;
        }
        final int used = g;
        double sumLog = 0;
        double total = 0;
        for (int i = 0; i < used; i++) {
            sumLog += weights[i] * logs[i];
            total += weights[i];
        }
        final double sumLogs = sumLog;
        final double count = total;
        java.util.function.DoubleUnaryOperator llf = lambda -> {
            double mean = 0;
            for (int i = 0; i < used; i++) {
                mean += weights[i] * BoxCox.transformLog(logs[i], lambda);
            }
            mean /= count;
            double variance = 0;
            for (int i = 0; i < used; i++) {
                double d = BoxCox.transformLog(logs[i], lambda) - mean;
                variance += weights[i] * d * d;
            }
            variance /= count;
            return (lambda - 1) * sumLogs - count / 2 * Math.log(variance);
        };
        double a = -5;
        double b = 5;
        double ratio = (Math.sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        double fc = llf.applyAsDouble(c);
        double fd = llf.applyAsDouble(d);
        while (b - a > 1e-8) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = llf.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = llf.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }
}
