package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Pearson {@link CorrelationMatrix} of the numeric columns, pairwise over rows where both values are finite.
 * r comes from sums of products of the deviations from each column's mean (the {@link MomentSums} shift) on every
 * engine: one aggregate per pair for pairs without missing values, six for the others. SQLite has no {@code corr},
 * and the built-in {@code corr} of DuckDB 1.5 and PostgreSQL lose digits on values near 1e9 with a small spread
 * (relative errors of 1e-5 and 2e-6 against an exact two-pass computation, where these sums stay below 1e-12).
 */
final class Correlations {

    /** Below this share of the second moment about the shift, a pairwise variance is rounding noise: a constant. */
    private static final double RELATIVE_VARIANCE_FLOOR = 1e-12;

    private Correlations() {
    }

    private record Pair(int i, int j) {
    }

    static CorrelationMatrix of(Connection connection, ProfileSql sql, List<ColumnCounts> counts,
            Map<String, PowerSums> sums, ProfileOptions options) throws SQLException {
        List<ColumnCounts> numeric = counts.stream().filter(ColumnCounts::numeric).toList();
        List<ColumnCounts> included = numeric.subList(0, Math.min(numeric.size(), options.maxCorrelationColumns()));
        List<String> omitted = numeric.subList(included.size(), numeric.size()).stream()
                .map(c -> c.column().name()).toList();
        int k = included.size();
        Double[][] r = new Double[k][k];
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            boolean defined = varies(included, sums, i);
            r[i][i] = defined ? 1.0 : null;
            for (int j = i + 1; j < k; j++) {
                if (defined && varies(included, sums, j)) {
                    pairs.add(new Pair(i, j));
                }
            }
        }
        bySums(connection, sql, included, sums, pairs, r);
        List<List<Double>> coefficients = new ArrayList<>(k);
        for (Double[] row : r) {
            coefficients.add(Collections.unmodifiableList(Arrays.asList(row)));
        }
        List<String> names = included.stream().map(c -> c.column().name()).toList();
        List<CorrelatedPair> strong = new ArrayList<>();
        for (Pair pair : pairs) {
            Double value = r[pair.i()][pair.j()];
            if (value != null && Math.abs(value) > options.strongCorrelation()) {
                strong.add(new CorrelatedPair(names.get(pair.i()), names.get(pair.j()), value));
            }
        }
        strong.sort(Comparator.comparingDouble((CorrelatedPair p) -> -Math.abs(p.r())));
        return new CorrelationMatrix(names, omitted, List.copyOf(coefficients), options.strongCorrelation(),
                List.copyOf(strong));
    }

    /** Whether column i has two or more different finite values, so r with it can be defined. */
    private static boolean varies(List<ColumnCounts> included, Map<String, PowerSums> sums, int i) {
        ColumnCounts column = included.get(i);
        return !column.constant() && column.finite() >= 2 && sums.containsKey(column.column().name());
    }

    private static void bySums(Connection connection, ProfileSql sql, List<ColumnCounts> included,
            Map<String, PowerSums> sums, List<Pair> pairs, Double[][] r) throws SQLException {
        List<List<Pair>> batches = new ArrayList<>();
        List<Pair> batch = new ArrayList<>();
        int aggregates = 0;
        for (Pair pair : pairs) {
            int cost = complete(included, pair) ? 1 : 6;
            if (aggregates + cost > AggregateQuery.MAX_AGGREGATES) {
                batches.add(batch);
                batch = new ArrayList<>();
                aggregates = 0;
            }
            batch.add(pair);
            aggregates += cost;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        List<String> deviations = new ArrayList<>();
        List<Double> shifts = new ArrayList<>();
        for (int i = 0; i < included.size(); i++) {
            deviations.add(sql.finite(included.get(i).column()) + " - " + sql.doubleParameter() + " AS d" + i);
            PowerSums s = sums.get(included.get(i).column().name());
            shifts.add(s == null ? 0.0 : s.shift());
        }
        String from = "(SELECT " + String.join(", ", deviations) + " FROM " + sql.table() + ") deviations";
        for (List<Pair> chunk : batches) {
            List<String> expressions = new ArrayList<>();
            for (Pair pair : chunk) {
                String a = "d" + pair.i();
                String b = "d" + pair.j();
                expressions.add("SUM(" + a + " * " + b + ")");
                if (!complete(included, pair)) {
                    expressions.add("COUNT(" + a + " * " + b + ")");
                    expressions.add("SUM(CASE WHEN " + b + " IS NOT NULL THEN " + a + " END)");
                    expressions.add("SUM(CASE WHEN " + a + " IS NOT NULL THEN " + b + " END)");
                    expressions.add("SUM(CASE WHEN " + b + " IS NOT NULL THEN " + a + " * " + a + " END)");
                    expressions.add("SUM(CASE WHEN " + a + " IS NOT NULL THEN " + b + " * " + b + " END)");
                }
            }
            Object[] values = AggregateQuery.run(connection, expressions, from, shifts);
            int v = 0;
            for (Pair pair : chunk) {
                double sab = number(values[v++]);
                if (complete(included, pair)) {
                    PowerSums a = sums.get(included.get(pair.i()).column().name());
                    PowerSums b = sums.get(included.get(pair.j()).column().name());
                    set(r, pair, pearson(a.n(), a.s1(), b.s1(), a.s2(), b.s2(), sab));
                } else {
                    long n = AggregateQuery.asLong(values[v++]);
                    double sa = number(values[v++]);
                    double sb = number(values[v++]);
                    double saa = number(values[v++]);
                    double sbb = number(values[v++]);
                    set(r, pair, pearson(n, sa, sb, saa, sbb, sab));
                }
            }
        }
    }

    /** Whether neither column misses a value, so the pair's sums are the columns' own. */
    private static boolean complete(List<ColumnCounts> included, Pair pair) {
        ColumnCounts a = included.get(pair.i());
        ColumnCounts b = included.get(pair.j());
        return a.finite() == a.rows() && b.finite() == b.rows();
    }

    /** r from sums of deviations over n paired rows; null when a side has no variance. */
    static Double pearson(long n, double sa, double sb, double saa, double sbb, double sab) {
        if (n < 2) {
            return null;
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        if (va <= RELATIVE_VARIANCE_FLOOR * saa || vb <= RELATIVE_VARIANCE_FLOOR * sbb) {
            return null;
        }
        double covariance = sab - sa * sb / n;
        return clamp(covariance / (Math.sqrt(va) * Math.sqrt(vb)));
    }

    private static Double clamp(Double r) {
        return r == null ? null : Math.max(-1.0, Math.min(1.0, r));
    }

    private static double number(Object value) {
        return value == null ? 0.0 : ((Number) value).doubleValue();
    }

    private static void set(Double[][] r, Pair pair, Double value) {
        r[pair.i()][pair.j()] = value;
        r[pair.j()][pair.i()] = value;
    }
}
