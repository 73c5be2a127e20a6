package io.nifimdm.core.features;

import java.util.Arrays;

/**
 * Percentile ranks fitted on one column of the fit table: {@code percentile(v) = (count below v + (count of v + 1) / 2)
 * / non-null count}, which for a fit-table value is pandas' average rank divided by the non-null count (spec 3.3).
 * A value absent from the fit table ranks as if it sat between its neighbours: {@code (count below v + 0.5) / n},
 * clipped to [0, 1].
 *
 * <p>When the column has at most {@link #MAX_EXACT_VALUES} distinct values the table holds all of them and ranks are
 * exact. Otherwise it holds an equi-depth summary of about {@link #SUMMARY_POINTS} points (the minimum, the maximum,
 * every value holding at least n / {@value #SUMMARY_POINTS} rows, and one value per n / {@value #SUMMARY_POINTS} rows
 * between), and the count below a value between two points is interpolated linearly: at most
 * 2 / {@value #SUMMARY_POINTS} (0.0004) of the rows sit between two neighbouring points, which bounds the absolute
 * error of a percentile. The same table serves every table and every engine, so all engines agree exactly.
 *
 * @param exact  whether every distinct value is present
 * @param n      non-null values on the fit table
 * @param values sorted distinct values (or summary points)
 * @param below  rows with a smaller value
 * @param counts rows with this value
 */
public record RankTable(boolean exact, long n, double[] values, long[] below, long[] counts) {

    public static final int MAX_EXACT_VALUES = 5_000;
    public static final int SUMMARY_POINTS = 5_000;

    public double percentile(double v) {
        int length = values.length;
        if (n == 0 || length == 0) {
            return Double.NaN;
        }
        return percentileAt(Arrays.binarySearch(values, v), v);
    }

    /** The percentile of {@code v} given its {@link Arrays#binarySearch} result over {@link #values()}. */
    double percentileAt(int index, double v) {
        int length = values.length;
        if (index >= 0) {
            return (below[index] + (counts[index] + 1) / 2.0) / n;
        }
        int insertion = -index - 1;
        double countBelow;
        if (insertion == 0) {
            countBelow = 0;
        } else if (insertion == length) {
            countBelow = n;
        } else {
            int a = insertion - 1;
            double low = below[a] + counts[a];
            double high = below[insertion];
            countBelow = low + (high - low) * (v - values[a]) / (values[insertion] - values[a]);
        }
        return Math.min(1.0, Math.max(0.0, (countBelow + 0.5) / n));
    }
}
