package io.nifimdm.core.features;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean and sample standard deviation of numeric columns, from SQL aggregates of {@link CenteredValue}s in one scan:
 * {@code mean = shift + sum(d) / n}, {@code var = (sum(d^2) - sum(d)^2 / n) / (n - 1)} (before unscaling), or the
 * engine's own avg and var_samp where its sums are not compensated. With the shift at a median the two terms of the
 * variance barely cancel, so the result agrees with a running (Welford) pass in Java to about 1e-13 relative.
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
        // PostgreSQL's sum() adds naively (a variance of 1M integers lost 2e-12, measured): its var_samp updates
        // the sum of squares around the running mean (Youngs-Cramer). DuckDB's sum() lost 1e-12 too, its kahan_sum
        // is compensated, as SQLite's sum() is.
        boolean postgres = backend.kind() == BackendKind.POSTGRESQL;
        String summation = backend.kind() == BackendKind.DUCKDB ? "kahan_sum" : "SUM";
        List<String> deviations = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        List<Double> parameters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String d = "d" + i;
            deviations.add(columns.get(i).sql(backend) + " AS " + d);
            parameters.addAll(columns.get(i).parameters());
            aggregates.add("COUNT(" + d + ")");
            aggregates.add(postgres ? "AVG(" + d + ")" : summation + "(" + d + ")");
            aggregates.add(postgres ? "VAR_SAMP(" + d + ")" : summation + "(" + d + " * " + d + ")");
        }
        double[] row = aggregateRow(connection, aggregates, "(SELECT " + String.join(", ", deviations) + " FROM "
                + backend.qualified(schema, table) + ") deviations", parameters);
        for (int i = 0; i < columns.size(); i++) {
            long n = (long) row[3 * i];
            moments[i] = postgres ? unscaled(columns.get(i), n, row[3 * i + 1], row[3 * i + 2])
                    : fromSums(columns.get(i), n, row[3 * i + 1], row[3 * i + 2]);
        }
        return moments;
    }

    /** Moments from the count, the sum of d and the sum of d^2 of a column's centred values. */
    private static Moments fromSums(CenteredValue column, long n, double sum, double squares) {
        double mean = n > 0 ? sum / n : Double.NaN;
        double variance = n < 2 ? Double.NaN : Math.max(0, (squares - sum * sum / n) / (n - 1));
        return unscaled(column, n, mean, variance);
    }

    /** Moments in the column's units from the mean and variance of its centred values. */
    private static Moments unscaled(CenteredValue column, long n, double mean, double variance) {
        return new Moments(n, n == 0 ? Double.NaN : column.shift() + column.unscale(mean),
                n < 2 ? Double.NaN : column.unscale(Math.sqrt(variance)));
    }

    /**
     * The same moments from a column's values in Java (the fit's one-scan path): the sums of d and d^2 that the SQL
     * takes, compensated (Neumaier) as SQLite's and DuckDB's sums are; NaN values are left out, as the SQL's NULLIF
     * leaves them out.
     */
    static Moments fromValues(CenteredValue column, int size, java.util.function.IntToDoubleFunction value) {
        long n = 0;
        double sum = 0;
        double sumError = 0;
        double squares = 0;
        double squaresError = 0;
        for (int i = 0; i < size; i++) {
            double x = value.applyAsDouble(i);
            if (Double.isNaN(x)) {
                continue;
            }
            double d = column.deviation(x);
            n++;
            double t = sum + d;
            sumError += Math.abs(sum) >= Math.abs(d) ? (sum - t) + d : (d - t) + sum;
            sum = t;
            double dd = d * d;
            double u = squares + dd;
            squaresError += squares >= dd ? (squares - u) + dd : (dd - u) + squares;
            squares = u;
        }
        return fromSums(column, n, sum + sumError, squares + squaresError);
    }

    /** The one row of {@code SELECT aggregates FROM from} with bound double parameters; a null reads as NaN. */
    static double[] aggregateRow(Connection connection, List<String> aggregates, String from,
                                 List<Double> parameters) throws Exception {
        try {
            Object[] values = AggregateQuery.run(connection, aggregates, from, parameters);
            double[] row = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                row[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
            }
            return row;
        } finally {
            SourceQueries.rollbackQuietly(connection);
        }
    }
}
