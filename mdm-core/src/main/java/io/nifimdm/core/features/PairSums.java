package io.nifimdm.core.features;

/**
 * Pearson correlations between columns over the rows where both are present (pandas' pairwise-complete rule),
 * accumulated in one pass. Values are shifted by the first value seen per column, which keeps the sums of squares
 * small and the result accurate for data far from zero.
 */
final class PairSums {

    private final int width;
    private final double[] shift;
    private final boolean[] shifted;
    private final long[] n;
    private final double[] sx;
    private final double[] sy;
    private final double[] sxx;
    private final double[] syy;
    private final double[] sxy;

    PairSums(int width) {
        this.width = width;
        int pairs = width * width;
        shift = new double[width];
        shifted = new boolean[width];
        n = new long[pairs];
        sx = new double[pairs];
        sy = new double[pairs];
        sxx = new double[pairs];
        syy = new double[pairs];
        sxy = new double[pairs];
    }

    /** Adds one row; NaN marks a missing value. */
    void add(double[] values) {
        for (int a = 0; a < width; a++) {
            double x = values[a];
            if (Double.isNaN(x)) {
                continue;
            }
            if (!shifted[a]) {
                shift[a] = x;
                shifted[a] = true;
            }
            x -= shift[a];
            for (int b = a + 1; b < width; b++) {
                double y = values[b];
                if (Double.isNaN(y)) {
                    continue;
                }
                if (!shifted[b]) {
                    shift[b] = y;
                    shifted[b] = true;
                }
                y -= shift[b];
                int p = a * width + b;
                n[p]++;
                sx[p] += x;
                sy[p] += y;
                sxx[p] += x * x;
                syy[p] += y * y;
                sxy[p] += x * y;
            }
        }
    }

    /** Pearson r of columns a < b; NaN when undefined. */
    double correlation(int a, int b) {
        int p = a * width + b;
        double count = n[p];
        double covariance = count * sxy[p] - sx[p] * sy[p];
        double varianceX = count * sxx[p] - sx[p] * sx[p];
        double varianceY = count * syy[p] - sy[p] * sy[p];
        if (count < 2 || varianceX <= 0 || varianceY <= 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }
}
