package io.nifimdm.core.profile;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile figures computed directly from the rows in Java, following the definitions literally (sort and
 * interpolate; two passes around an exactly computed mean), as the reference for every engine.
 */
final class ExpectedProfile {

    private ExpectedProfile() {
    }

    static boolean present(Object value) {
        return value != null && !(value instanceof Double d && d.isNaN());
    }

    /** The column's finite values as doubles, in row order (null where missing or infinite). */
    static Double[] finite(List<Object[]> rows, int column) {
        Double[] values = new Double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object value = rows.get(r)[column];
            if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                values[r] = number.doubleValue();
            }
        }
        return values;
    }

    static double[] nonNull(Double[] values) {
        return Arrays.stream(values).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    }

    static double exactMean(double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    /**
     * Sums of the 2nd, 3rd and 4th powers of the deviations from the mean, in exact decimal arithmetic: a double
     * mean of values near 1e9 is off by up to half an ulp (6e-8), which would shift m3 by 3 * 6e-8 * m2.
     */
    static double[] centralSums(double[] values) {
        MathContext context = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(values.length), context);
        BigDecimal m2 = BigDecimal.ZERO;
        BigDecimal m3 = BigDecimal.ZERO;
        BigDecimal m4 = BigDecimal.ZERO;
        for (double v : values) {
            BigDecimal d = new BigDecimal(v).subtract(mean, context);
            BigDecimal d2 = d.multiply(d, context);
            m2 = m2.add(d2, context);
            m3 = m3.add(d2.multiply(d, context), context);
            m4 = m4.add(d2.multiply(d2, context), context);
        }
        return new double[]{m2.doubleValue(), m3.doubleValue(), m4.doubleValue()};
    }

    static Double skewness(double[] values) {
        int n = values.length;
        if (n < 3) {
            return null;
        }
        double[] sums = centralSums(values);
        if (sums[0] == 0) {
            return 0.0;
        }
        return n * Math.sqrt(n - 1.0) / (n - 2.0) * sums[1] / Math.pow(sums[0], 1.5);
    }

    static Double kurtosis(double[] values) {
        int n = values.length;
        if (n < 4) {
            return null;
        }
        double[] sums = centralSums(values);
        if (sums[0] == 0) {
            return 0.0;
        }
        double n1 = n;
        return n1 * (n1 + 1) * (n1 - 1) * sums[2] / ((n1 - 2) * (n1 - 3) * sums[0] * sums[0])
                - 3 * (n1 - 1) * (n1 - 1) / ((n1 - 2) * (n1 - 3));
    }

    /** Pearson r over rows where both are finite, or null when a side is constant or fewer than two rows pair. */
    static Double pearson(Double[] a, Double[] b) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null && b[i] != null) {
                pairs.add(new double[]{a[i], b[i]});
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        double meanA = exactMean(pairs.stream().mapToDouble(p -> p[0]).toArray());
        double meanB = exactMean(pairs.stream().mapToDouble(p -> p[1]).toArray());
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (double[] pair : pairs) {
            saa += (pair[0] - meanA) * (pair[0] - meanA);
            sbb += (pair[1] - meanB) * (pair[1] - meanB);
            sab += (pair[0] - meanA) * (pair[1] - meanB);
        }
        if (saa == 0 || sbb == 0) {
            return null;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static long distinct(List<Object[]> rows, int column) {
        Set<Object> values = new HashSet<>();
        for (Object[] row : rows) {
            if (present(row[column])) {
                values.add(row[column]);
            }
        }
        return values.size();
    }

    static Mode mode(List<Object[]> rows, int column) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            if (row[column] != null) {
                counts.merge((String) row[column], 1L, Long::sum);
            }
        }
        Mode best = null;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (best == null || entry.getValue() > best.count() || (entry.getValue() == best.count()
                    && Arrays.compareUnsigned(entry.getKey().getBytes(StandardCharsets.UTF_8),
                    best.value().getBytes(StandardCharsets.UTF_8)) < 0)) {
                best = new Mode(entry.getKey(), entry.getValue());
            }
        }
        return best;
    }

    static long duplicates(List<Object[]> rows) {
        Set<List<Object>> seen = new HashSet<>();
        long duplicates = 0;
        for (Object[] row : rows) {
            Object[] key = row.clone();
            for (int i = 0; i < key.length; i++) {
                if (key[i] instanceof Double d && d.isNaN()) {
                    key[i] = null; // SQLite stores NaN as null; the other engines take NaN for equal to NaN
                }
            }
            if (!seen.add(Arrays.asList(key))) {
                duplicates++;
            }
        }
        return duplicates;
    }

    static long missing(List<Object[]> rows, List<ColumnDef> columns) {
        long missing = 0;
        for (Object[] row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                if (!present(row[c])) {
                    missing++;
                }
            }
        }
        return missing;
    }

    static boolean numeric(ColumnDef column) {
        return column.type() == ColumnType.INTEGER || column.type() == ColumnType.DECIMAL;
    }
}
