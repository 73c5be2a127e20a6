package io.nifimdm.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Statistics computed the slow, obvious way (whole columns in memory, two passes, sorting), for
 * checking the streaming accumulator against.
 */
final class ExpectedStatistics {

    private ExpectedStatistics() {
    }

    /** Non-null values of a column, with NaN counted as missing. */
    static List<Object> present(List<Object[]> rows, int column) {
        List<Object> values = new ArrayList<>();
        for (Object[] row : rows) {
            Object value = row[column];
            if (value != null && !(value instanceof Double d && d.isNaN())) {
                values.add(value instanceof Double d && d == 0.0 ? (Object) 0.0 : value);
            }
        }
        return values;
    }

    static double[] doubles(List<Object> values) {
        return values.stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    static double sampleStd(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** numpy.percentile(values, 100 * p) with the default linear method. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int low = (int) Math.floor(h);
        int high = (int) Math.ceil(h);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    static long distinct(List<Object> values) {
        return new HashSet<>(values).size();
    }

    static Map<Object, Long> counts(List<Object> values) {
        Map<Object, Long> counts = new HashMap<>();
        for (Object value : values) {
            counts.merge(value, 1L, Long::sum);
        }
        return counts;
    }

    static long duplicateRows(List<Object[]> rows) {
        Set<List<Object>> seen = new HashSet<>();
        long duplicates = 0;
        for (Object[] row : rows) {
            List<Object> normalized = new ArrayList<>(row.length);
            for (Object value : row) {
                if (value instanceof Double d && d.isNaN()) {
                    normalized.add(null);
                } else if (value instanceof Double d && d == 0.0) {
                    normalized.add(0.0);
                } else {
                    normalized.add(value);
                }
            }
            if (!seen.add(normalized)) {
                duplicates++;
            }
        }
        return duplicates;
    }

    static long rowsWithMissing(List<Object[]> rows) {
        return rows.stream()
                .filter(row -> Arrays.stream(row).anyMatch(value -> value == null || value instanceof Double d && d.isNaN()))
                .count();
    }

    static long missingCells(List<Object[]> rows) {
        return rows.stream()
                .flatMap(Arrays::stream)
                .filter(value -> value == null || value instanceof Double d && d.isNaN())
                .count();
    }

    static boolean equalValues(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
