package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean and sample standard deviation of numeric columns, from SQL sums of {@link CenteredValue}s in one scan:
 * {@code mean = shift + sum(d) / n}, {@code var = (sum(d^2) - sum(d)^2 / n) / (n - 1)} (before unscaling). With the
 * shift at a median the two terms of the variance barely cancel, so the result agrees with a running (Welford) pass
 * to about 1e-13 relative; SQLite's sum() is even compensated.
 */
final class ColumnSpread {

    /** Moments of one column; mean and std NaN without values, std NaN below two values. */
    record Moments(long count, double mean, double std) {
    }

    private ColumnSpread() {
    }

    static Moments[] measure(Connection connection, Backend backend, String schema, String table,
                             List<CenteredValue> columns) throws Exception {
        Moments[] moments = new Moments[columns.size()];
        if (columns.isEmpty()) {
            return moments;
        }
        // DuckDB's sum() adds in parallel chunks and lost 1e-12 of a variance (measured); kahan_sum compensates
        String summation = backend.kind() == BackendKind.DUCKDB ? "kahan_sum" : "SUM";
        List<String> deviations = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        List<Double> parameters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String d = "d" + i;
            deviations.add(columns.get(i).sql(backend) + " AS " + d);
            parameters.addAll(columns.get(i).parameters());
            aggregates.add("COUNT(" + d + ")");
            aggregates.add(summation + "(" + d + ")");
            aggregates.add(summation + "(" + d + " * " + d + ")");
        }
        double[] row = aggregateRow(connection, "SELECT " + String.join(", ", aggregates) + " FROM (SELECT "
                + String.join(", ", deviations) + " FROM " + backend.qualified(schema, table) + ") deviations",
                parameters);
        for (int i = 0; i < columns.size(); i++) {
            CenteredValue column = columns.get(i);
            long n = (long) row[3 * i];
            double sum = n == 0 ? 0 : row[3 * i + 1];
            double squares = n == 0 ? 0 : row[3 * i + 2];
            double mean = n == 0 ? Double.NaN : column.shift() + column.unscale(sum / n);
            double std = n < 2 ? Double.NaN
                    : column.unscale(Math.sqrt(Math.max(0, (squares - sum * sum / n) / (n - 1))));
            moments[i] = new Moments(n, mean, std);
        }
        return moments;
    }

    /** Runs a one-row aggregate query with bound double parameters; a null aggregate reads as NaN. */
    static double[] aggregateRow(Connection connection, String sql, List<Double> parameters) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setDouble(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                int width = rs.getMetaData().getColumnCount();
                double[] row = new double[width];
                for (int i = 0; i < width; i++) {
                    double value = rs.getDouble(i + 1);
                    row[i] = rs.wasNull() ? Double.NaN : value;
                }
                return row;
            }
        } finally {
            SourceQueries.rollbackQuietly(connection);
        }
    }
}
