package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.BackendKind;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exact {@link Percentiles} of numeric columns, computed by the engine: DuckDB's {@code quantile_cont} and
 * PostgreSQL's {@code percentile_cont} interpolate as defined; SQLite has neither, so the values at the two ranks
 * around each position are read through one window query per column (one sort in the engine, twelve rows back) and
 * interpolated here the same way.
 */
final class PercentileQuery {

    private static final int COLUMNS_PER_STATEMENT = 60;

    private PercentileQuery() {
    }

    /**
     * Percentiles of the numeric columns with at least one finite value, by column name. On SQLite the sort also
     * yields the number of distinct finite values, put into {@code distinctFinite}.
     */
    static Map<String, Percentiles> of(Connection connection, ProfileSql sql, List<ColumnCounts> counts,
            Map<String, Long> distinctFinite) throws SQLException {
        List<ColumnCounts> numeric = counts.stream().filter(c -> c.numeric() && c.finite() > 0).toList();
        Map<String, Percentiles> result = new LinkedHashMap<>();
        if (sql.kind() == BackendKind.SQLITE) {
            for (ColumnCounts column : numeric) {
                result.put(column.column().name(), byRanks(connection, sql, column, distinctFinite));
            }
            return result;
        }
        for (List<ColumnCounts> chunk : AggregateQuery.chunks(numeric, COLUMNS_PER_STATEMENT)) {
            List<String> aggregates = new ArrayList<>();
            for (ColumnCounts column : chunk) {
                String finite = sql.finite(column.column());
                if (sql.kind() == BackendKind.DUCKDB) {
                    for (double p : Percentiles.PROBABILITIES) {
                        aggregates.add("quantile_cont(" + finite + ", " + p + ")");
                    }
                } else {
                    // One ordered-set aggregate with an array of fractions sorts the column once.
                    aggregates.add("percentile_cont(ARRAY" + Percentiles.PROBABILITIES
                            + "::float8[]) WITHIN GROUP (ORDER BY " + finite + ")");
                }
            }
            Object[] values = AggregateQuery.run(connection, aggregates, sql.table(), List.of());
            for (int c = 0; c < chunk.size(); c++) {
                double[] percentiles = new double[Percentiles.PROBABILITIES.size()];
                for (int p = 0; p < percentiles.length; p++) {
                    Object value = sql.kind() == BackendKind.DUCKDB ? values[c * percentiles.length + p]
                            : element((Array) values[c], p);
                    percentiles[p] = ((Number) value).doubleValue();
                }
                result.put(chunk.get(c).column().name(), Percentiles.of(percentiles));
            }
        }
        return result;
    }

    private static Object element(Array array, int index) throws SQLException {
        return ((Object[]) array.getArray())[index];
    }

    private static Percentiles byRanks(Connection connection, ProfileSql sql, ColumnCounts column,
            Map<String, Long> distinctFinite) throws SQLException {
        long n = column.finite();
        TreeSet<Long> ranks = new TreeSet<>();
        for (double p : Percentiles.PROBABILITIES) {
            long low = (long) Math.floor(Percentiles.position(p, n));
            ranks.add(low);
            ranks.add(Math.min(low + 1, n - 1));
        }
        ranks.add(n - 1); // its dense rank counts the distinct values
        String placeholders = String.join(", ", Collections.nCopies(ranks.size(), "?"));
        String query = "SELECT r, v, k FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) - 1 AS r,"
                + " DENSE_RANK() OVER (ORDER BY v) AS k FROM (SELECT "
                + sql.finite(column.column()) + " AS v FROM " + sql.table() + ") finite WHERE v IS NOT NULL) ranked"
                + " WHERE r IN (" + placeholders + ")";
        Map<Long, Double> valueAt = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            AggregateQuery.bind(statement, new ArrayList<>(ranks));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    valueAt.put(rows.getLong(1), rows.getDouble(2));
                    if (rows.getLong(1) == n - 1) {
                        distinctFinite.put(column.column().name(), rows.getLong(3));
                    }
                }
            }
        }
        double[] percentiles = new double[Percentiles.PROBABILITIES.size()];
        for (int i = 0; i < percentiles.length; i++) {
            double position = Percentiles.position(Percentiles.PROBABILITIES.get(i), n);
            long low = (long) Math.floor(position);
            double lowValue = rank(valueAt, low);
            double highValue = rank(valueAt, Math.min(low + 1, n - 1));
            double fraction = position - low;
            percentiles[i] = fraction == 0 ? lowValue : lowValue + fraction * (highValue - lowValue);
        }
        return Percentiles.of(percentiles);
    }

    private static double rank(Map<Long, Double> valueAt, long rank) throws SQLException {
        Double value = valueAt.get(rank);
        if (value == null) {
            // The table changed between the counting pass and this one.
            throw new SQLException("Rank " + rank + " not found: the table changed while it was profiled");
        }
        return value;
    }
}
