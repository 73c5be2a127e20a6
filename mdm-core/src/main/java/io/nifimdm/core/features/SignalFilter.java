package io.nifimdm.core.features;

import io.nifimdm.core.backend.ColumnType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides on the fit table which candidate features to keep, so every table gets the same columns. Null, constant,
 * variance and sparsity verdicts are exact over all rows; correlations are measured on an evenly spaced sample of at most
 * {@value #SAMPLE_ROWS} rows (every k-th row), pairwise-complete, and of two features above the threshold the later one
 * (in column order) goes. Names that clash with a source column or an earlier feature (case-insensitively, as engines
 * compare identifiers) are dropped too.
 */
final class SignalFilter {

    static final int SAMPLE_ROWS = 10_000;

    private final List<FeatureColumn> candidates;
    private final FeatureOptions options;
    private final int width;
    private final long[] nonNull;
    private final long[] nonZero;
    private final Object[] firstValue;
    private final boolean[] varies;
    private final double[] mean;
    private final double[] m2;
    private final long stride;
    private final List<double[]> sample = new ArrayList<>();
    private long rows;

    SignalFilter(List<FeatureColumn> candidates, FeatureOptions options, long expectedRows) {
        this.candidates = candidates;
        this.options = options;
        this.width = candidates.size();
        nonNull = new long[width];
        nonZero = new long[width];
        firstValue = new Object[width];
        varies = new boolean[width];
        mean = new double[width];
        m2 = new double[width];
        stride = Math.max(1, (expectedRows + SAMPLE_ROWS - 1) / SAMPLE_ROWS);
    }

    void add(Object[] features) {
        boolean sampled = rows % stride == 0 && sample.size() < SAMPLE_ROWS;
        double[] sampleRow = sampled ? new double[width] : null;
        for (int i = 0; i < width; i++) {
            Object value = features[i];
            double number = FeatureComputer.number(value);
            if (sampled) {
                sampleRow[i] = number;
            }
            if (value == null) {
                continue;
            }
            long count = ++nonNull[i];
            if (count == 1) {
                firstValue[i] = value;
            } else if (!varies[i] && !Objects.equals(firstValue[i], value)) {
                varies[i] = true;
            }
            if (!Double.isNaN(number)) {
                if (number != 0) {
                    nonZero[i]++;
                }
                double delta = number - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (number - mean[i]);
            } else if (value instanceof String s && !s.isEmpty()) {
                nonZero[i]++;
            }
        }
        if (sampled) {
            sample.add(sampleRow);
        }
        rows++;
    }

    /**
     * Takes the exact per-feature summaries computed elsewhere (by the engine) instead of {@link #add} calls: non-null
     * and non-zero counts, whether two non-null values differ, and the sample variance.
     */
    void summaries(long rowCount, long[] nonNullCounts, long[] nonZeroCounts, boolean[] differs, double[] variances) {
        rows = rowCount;
        for (int i = 0; i < width; i++) {
            nonNull[i] = nonNullCounts[i];
            nonZero[i] = nonZeroCounts[i];
            varies[i] = differs[i];
            m2[i] = nonNullCounts[i] > 1 && !Double.isNaN(variances[i]) ? variances[i] * (nonNullCounts[i] - 1) : 0;
        }
    }

    /** One row of the correlation sample (the rows {@link #add} would sample), with {@link #summaries}. */
    void sample(Object[] features) {
        if (sample.size() >= SAMPLE_ROWS) {
            return;
        }
        double[] sampleRow = new double[width];
        for (int i = 0; i < width; i++) {
            sampleRow[i] = FeatureComputer.number(features[i]);
        }
        sample.add(sampleRow);
    }

    long stride() {
        return stride;
    }

    /** Kept feature names in order, and the dropped ones with their reasons, into {@code dropped}. */
    List<String> verdict(Set<String> sourceColumns, List<DroppedFeature> dropped) {
        Set<String> taken = new HashSet<>();
        for (String column : sourceColumns) {
            taken.add(column.toLowerCase(Locale.ROOT));
        }
        taken.add(FeatureTableWriter.ROW_COLUMN);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            FeatureColumn feature = candidates.get(i);
            String reason = reason(i, taken);
            if (reason == null) {
                int partner = correlatedPartner(i, kept);
                if (partner >= 0) {
                    reason = String.format(Locale.ROOT, "correlated with %s (|r| = %.4f > %s)",
                            candidates.get(partner).name(), Math.abs(correlation(i, partner)), options.maxCorrelation());
                }
            }
            if (reason == null) {
                kept.add(i);
                taken.add(feature.name().toLowerCase(Locale.ROOT));
            } else {
                dropped.add(new DroppedFeature(feature.name(), reason));
            }
        }
        return kept.stream().map(i -> candidates.get(i).name()).toList();
    }

    private String reason(int i, Set<String> taken) {
        FeatureColumn feature = candidates.get(i);
        if (taken.contains(feature.name().toLowerCase(Locale.ROOT))) {
            return "name already taken by a source column or an earlier feature";
        }
        if (options.dropAllNull() && nonNull[i] == 0) {
            return "all null";
        }
        boolean numeric = feature.type() != ColumnType.TEXT;
        double variance = nonNull[i] > 1 ? m2[i] / (nonNull[i] - 1) : 0;
        if (options.dropConstant() && (!varies[i] || (numeric && variance == 0))) {
            return "constant";
        }
        if (numeric && options.minVariance() > 0 && variance <= options.minVariance()) {
            return String.format(Locale.ROOT, "low variance (%.6g <= %s)", variance, options.minVariance());
        }
        if (options.minNonZeroRatio() > 0 && rows > 0) {
            double ratio = (double) nonZero[i] / rows;
            if (ratio < options.minNonZeroRatio()) {
                return String.format(Locale.ROOT, "sparse (non-zero ratio %.6f < %s)", ratio,
                        options.minNonZeroRatio());
            }
        }
        return null;
    }

    private int correlatedPartner(int i, List<Integer> kept) {
        if (options.maxCorrelation() >= 1 || candidates.get(i).type() == ColumnType.TEXT) {
            return -1;
        }
        for (int k : kept) {
            if (candidates.get(k).type() == ColumnType.TEXT) {
                continue;
            }
            double r = correlation(i, k);
            if (!Double.isNaN(r) && Math.abs(r) > options.maxCorrelation()) {
                return k;
            }
        }
        return -1;
    }

    private double[][] columns;
    private boolean[] complete;
    private double[] norms;

    /** Column-major sample, centred where a column has no gaps, so most pairs need one dot product. */
    private void prepareSample() {
        if (columns != null) {
            return;
        }
        int size = sample.size();
        columns = new double[width][size];
        complete = new boolean[width];
        norms = new double[width];
        for (int f = 0; f < width; f++) {
            double[] column = columns[f];
            boolean gaps = false;
            double sum = 0;
            for (int r = 0; r < size; r++) {
                column[r] = sample.get(r)[f];
                if (Double.isNaN(column[r])) {
                    gaps = true;
                } else {
                    sum += column[r];
                }
            }
            complete[f] = !gaps;
            if (!gaps && size > 0) {
                double mean = sum / size;
                double squares = 0;
                for (int r = 0; r < size; r++) {
                    column[r] -= mean;
                    squares += column[r] * column[r];
                }
                norms[f] = Math.sqrt(squares);
            }
        }
        sample.clear();
    }

    private double correlation(int a, int b) {
        prepareSample();
        double[] x = columns[a];
        double[] y = columns[b];
        if (complete[a] && complete[b]) {
            if (x.length < 2 || norms[a] == 0 || norms[b] == 0) {
                return Double.NaN;
            }
            double dot = 0;
            for (int r = 0; r < x.length; r++) {
                dot += x[r] * y[r];
            }
            return dot / (norms[a] * norms[b]);
        }
        // pairwise-complete rows; a complete column was centred on all rows, which only shifts it by a constant
        long n = 0;
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                n++;
                sx += x[r];
                sy += y[r];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                double dx = x[r] - mx;
                double dy = y[r] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx <= 0 || syy <= 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
