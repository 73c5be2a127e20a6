package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.features.FeaturePlan.CategoricalFit;
import io.nifimdm.core.features.FeaturePlan.ColumnFit;
import io.nifimdm.core.features.FeaturePlan.CustomFit;
import io.nifimdm.core.features.FeaturePlan.InteractionFit;
import io.nifimdm.core.features.FeaturePlan.MissingFit;
import io.nifimdm.core.features.FeaturePlan.NumericFit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a fitted plan into one SQL query per table that computes every candidate feature inside the engine (DuckDB,
 * PostgreSQL), so a feature table is one {@code CREATE TABLE ... AS SELECT} instead of a Java pass that moves every
 * value through JDBC twice. {@link FeatureComputer} stays the reference definition: each expression here computes the
 * same value (within 1e-9 relative), with the fitted constants of the plan as literals.
 *
 * <p>Shape of the query (it matters more than the engine): an inner projection reads the source once and adds the row
 * ordinal, each numeric column as double, and the custom expressions; every feature is a per-row expression over that
 * projection and the plan's constants (vocabularies as {@code CASE}, bin edges as nested {@code CASE}). Percentile
 * ranks and the text family are Java's own on DuckDB, called as functions ({@link DuckDbJavaFunctions}), so DuckDB's
 * query has no join (unless a vocabulary is too large for a {@code CASE}) and keeps the source's row order; on
 * PostgreSQL rank tables are constant arrays searched by {@code width_bucket}, and the text family is joined from
 * {@link TextFeaturePass}.
 *
 * <p>Not compiled (the caller then uses the Java pass): target encoding (its folds hash Java objects), categorical
 * columns of temporal type, SQLite (no regular expressions or math functions in every build).
 */
final class SqlFeatures {

    /** Vocabularies up to this size become a {@code CASE}; larger ones a join to a constant table. */
    private static final int CASE_VOCABULARY = 256;
    /** Up to this many columns the missing pattern's id comes from a constant list of every pattern's id. */
    private static final int PATTERN_LOOKUP_COLUMNS = 12;
    private static final String TWO_PI = Double.toString(2 * Math.PI);

    private final Backend backend;
    private final boolean duck;
    private final DuckDbJavaFunctions.Session functions;
    private final OverflowSafeSql safe;
    private final FeaturePlan plan;
    private final Map<String, ColumnInfo> present = new HashMap<>();
    private final List<String> innerColumns = new ArrayList<>();
    /** Joins, constant rank arrays and the columns over them, each {alias, SQL}: left out when nothing uses them. */
    private final List<String[]> joins = new ArrayList<>();
    private final List<String[]> rankArrays = new ArrayList<>();
    private final List<String[]> outerColumns = new ArrayList<>();
    private final Map<String, String> expressions = new HashMap<>();
    private final Map<String, ColumnType> types = new HashMap<>();
    private final Map<String, String> numericAlias = new HashMap<>();
    private int aliases;

    /**
     * @param sourceColumns the table's columns
     * @param customPresent the custom features whose expression evaluates on the table
     */
    private SqlFeatures(Backend backend, DuckDbJavaFunctions.Session functions, FeaturePlan plan,
                        List<ColumnInfo> sourceColumns, Set<String> customPresent) {
        this.backend = backend;
        this.duck = backend.kind() == BackendKind.DUCKDB;
        if (duck && functions == null) {
            throw new IllegalArgumentException("DuckDB's feature SQL calls Java functions: a session is needed");
        }
        this.functions = functions;
        this.safe = new OverflowSafeSql(duck);
        this.plan = plan;
        for (ColumnInfo column : sourceColumns) {
            present.put(column.name(), column);
        }
        for (ColumnFit fit : plan.columns()) {
            switch (fit.family()) {
                case FeatureComputer.STATISTICAL -> statistical(fit);
                case FeatureComputer.CATEGORICAL -> categorical(fit);
                case FeatureComputer.TEMPORAL -> temporal(fit);
                case FeatureComputer.TEXT -> text(fit);
                default -> throw new IllegalStateException("unknown family " + fit.family());
            }
        }
        if (plan.missing() != null && !plan.missing().columns().isEmpty()) {
            missing(plan.missing());
        }
        for (InteractionFit pair : plan.interactions()) {
            interaction(pair);
        }
        for (CustomFit custom : plan.custom()) {
            custom(custom, customPresent.contains(custom.name()));
        }
    }

    /** Whether the engine can compute every candidate feature of {@code plan} on a table with these columns. */
    static boolean supports(Backend backend, FeaturePlan plan, List<ColumnInfo> sourceColumns) {
        if (backend.kind() != BackendKind.DUCKDB && backend.kind() != BackendKind.POSTGRESQL) {
            return false;
        }
        for (ColumnFit fit : plan.columns()) {
            if (FeatureComputer.CATEGORICAL.equals(fit.family()) && fit.categorical() != null) {
                if (fit.categorical().target() != null || fit.storageType().isTemporal()) {
                    return false;
                }
            }
        }
        for (ColumnInfo column : sourceColumns) {
            // a column whose type differs from the fit table's would need the Java conversions
            for (ColumnFit fit : plan.columns()) {
                if (fit.name().equals(column.name()) && fit.storageType() != column.storageType()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A compiled query, and whether it returns the rows in the source's order without an {@code ORDER BY}. */
    record Query(String sql, boolean inSourceOrder) {
    }

    /**
     * The query computing the source columns, then {@code features} (names of candidate features, in order), then
     * {@code _mdm_row}. With {@code positional}, feature {@code i} is named {@code _mdm_f<i>} (names may clash).
     * Features computed elsewhere: {@code precomputed} maps a feature to its column in {@code precomputedTable}
     * (qualified), which holds one row per {@link TextFeaturePass#ORDINAL}.
     *
     * @param functions DuckDB: the session binding the Java functions the query calls; PostgreSQL: null
     */
    static Query compile(Backend backend, DuckDbJavaFunctions.Session functions, String schema, String table,
                         FeaturePlan plan, List<ColumnInfo> sourceColumns, Set<String> customPresent,
                         List<String> features, boolean positional, String precomputedTable,
                         Map<String, String> precomputed) {
        return compile(backend, functions, schema, table, plan, sourceColumns, customPresent, features, positional,
                precomputedTable, precomputed, null);
    }

    /** {@link #compile} of the rows meeting {@code rows}, a condition on the ordinal {@code s._mdm_o}, or all. */
    private static Query compile(Backend backend, DuckDbJavaFunctions.Session functions, String schema,
                                 String table, FeaturePlan plan, List<ColumnInfo> sourceColumns,
                                 Set<String> customPresent, List<String> features, boolean positional,
                                 String precomputedTable, Map<String, String> precomputed, String rows) {
        SqlFeatures compiled = new SqlFeatures(backend, functions, plan, sourceColumns, customPresent);
        if (!precomputed.isEmpty()) {
            for (Map.Entry<String, String> entry : precomputed.entrySet()) {
                compiled.expressions.put(entry.getKey(), "t." + backend.quote(entry.getValue()));
            }
            compiled.joins.add(new String[] {"t", " LEFT JOIN " + precomputedTable + " t ON t."
                + TextFeaturePass.ORDINAL + " = s._mdm_o"});
        }
        for (FeatureColumn column : new FeatureComputer(plan, Map.of(), Map.of(), false).columns()) {
            compiled.types.put(column.name(), column.type());
        }
        List<String> select = new ArrayList<>();
        for (ColumnInfo column : sourceColumns) {
            select.add("s." + backend.quote(column.name()));
        }
        for (int i = 0; i < features.size(); i++) {
            String feature = features.get(i);
            String sql = compiled.expressions.get(feature);
            if (sql == null) {
                throw new IllegalStateException("no SQL for feature " + feature);
            }
            select.add("CAST(" + sql + " AS " + backend.sqlType(compiled.types.get(feature)) + ") AS "
                    + (positional ? "_mdm_f" + i : backend.quote(feature)));
        }
        select.add("s._mdm_o AS " + backend.quote(FeatureTableWriter.ROW_COLUMN));
        String used = String.join(", ", select);
        boolean joined = compiled.joins.stream().anyMatch(join -> uses(used, join));
        // DuckDB keeps the scan's order through projections (documented "order preservation"), not through joins
        return new Query("SELECT " + used + compiled.from(schema, table, used)
                + (rows == null ? "" : " WHERE " + rows), compiled.duck && !joined);
    }

    /** {@link #compile} without features computed elsewhere: the query's SQL. */
    static String select(Backend backend, DuckDbJavaFunctions.Session functions, String schema, String table,
                         FeaturePlan plan, List<ColumnInfo> sourceColumns, Set<String> customPresent,
                         List<String> features, boolean positional) {
        return compile(backend, functions, schema, table, plan, sourceColumns, customPresent, features, positional,
                null, Map.of()).sql();
    }

    /** {@link #select} of {@code features} over the rows whose 0-based ordinal is a multiple of {@code stride}. */
    static String sample(Backend backend, DuckDbJavaFunctions.Session functions, String schema, String table,
                         FeaturePlan plan, List<ColumnInfo> sourceColumns, Set<String> customPresent,
                         List<String> features, long stride, int limit) {
        // the condition sits below the features: DuckDB does not push it through the projection calling Java
        return "SELECT * FROM (" + compile(backend, functions, schema, table, plan, sourceColumns, customPresent,
                features, true, null, Map.of(), "(s._mdm_o - 1) % " + stride + " = 0").sql() + ") q ORDER BY q."
                + backend.quote(FeatureTableWriter.ROW_COLUMN) + " LIMIT " + limit;
    }

    /**
     * Whether the engine computes the text family of this source column itself: DuckDB, through {@link
     * DuckDbJavaFunctions}, for text-typed columns (other types would need Java's text form of their values).
     * Otherwise {@link TextFeaturePass} computes it.
     */
    static boolean textInEngine(Backend backend, ColumnInfo column) {
        return backend.kind() == BackendKind.DUCKDB && column.storageType() == ColumnType.TEXT;
    }

    private static boolean uses(String used, String[] part) {
        return part[0].equals("t") || used.contains(part[0] + ".") || used.contains("s." + part[0] + "v[");
    }

    private String from(String schema, String table, String used) {
        List<String> arrays = rankArrays.stream().filter(a -> uses(used, a)).map(a -> a[1]).toList();
        StringBuilder inner = new StringBuilder("SELECT *, ");
        inner.append(TextFeaturePass.ordinal(backend)).append(" AS _mdm_o");
        for (String column : innerColumns) {
            inner.append(", ").append(column);
        }
        inner.append(" FROM ").append(backend.qualified(schema, table));
        StringBuilder from = new StringBuilder(" FROM (");
        if (!duck && !arrays.isEmpty()) {
            // PostgreSQL: the rank tables' arrays in one constant row, each value's bucket found by width_bucket
            from.append("SELECT i.*");
            for (String[] column : outerColumns) {
                if (uses(used, column)) {
                    from.append(", ").append(column[1]);
                }
            }
            from.append(" FROM (").append(inner).append(") i CROSS JOIN (SELECT ")
                    .append(String.join(", ", arrays)).append(") k");
        } else {
            from.append(inner);
        }
        from.append(") s");
        for (String[] join : joins) {
            if (uses(used, join)) {
                from.append(join[1]);
            }
        }
        return from.toString();
    }

    private String alias() {
        return "_mdm_" + (aliases++);
    }

    private static String dbl(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "CAST(NULL AS DOUBLE PRECISION)";
        }
        return "CAST('" + value + "' AS DOUBLE PRECISION)";
    }

    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private String q(String column) {
        return "s." + backend.quote(column);
    }

    /** The column as double in the inner projection (booleans 1 and 0), or null when absent. */
    private String number(String column) {
        ColumnInfo info = present.get(column);
        if (info == null) {
            return null;
        }
        return numericAlias.computeIfAbsent(column, c -> {
            String name = alias();
            String x = backend.quote(c);
            String value = info.storageType() == ColumnType.BOOLEAN
                    ? "CASE WHEN " + x + " THEN 1.0 WHEN NOT " + x + " THEN 0.0 END"
                    : x;
            innerColumns.add("CAST(" + value + " AS DOUBLE PRECISION) AS " + name);
            return "s." + name;
        });
    }

    private void put(String name, String sql) {
        expressions.putIfAbsent(name, sql);
    }

    private void putNull(String name, ColumnType type) {
        put(name, "CAST(NULL AS " + backend.sqlType(type) + ")");
    }

    // ---- statistical ----

    private void statistical(ColumnFit fit) {
        NumericFit f = fit.numeric();
        if (f == null || f.count() == 0) {
            return;
        }
        String x = fit.name();
        String v = number(x);
        double mean = f.mean();
        double std = f.std();
        if (v == null) {
            // absent column: every feature of it is null; the names are those FeatureComputer makes
            for (FeatureColumn column : new FeatureComputer(new FeaturePlan(plan.formatVersion(), plan.fitTable(),
                    plan.fitRows(), plan.fittedAt(), plan.targetColumn(), plan.options(), List.of(fit), null,
                    List.of(), List.of(), List.of(), List.of()), Map.of(), Map.of(), false).columns()) {
                putNull(column.name(), column.type());
            }
            return;
        }
        if (f.allPositive()) {
            put(x + "_log", "CASE WHEN " + v + " > -1 THEN " + log1p(v) + " END");
        }
        if (std > 0) {
            put(x + "_zscore", safe.divide(safe.minus(v, dbl(mean)), dbl(std)));
        }
        put(x + "_percentile", percentile(v, f.ranks()));
        double iqr = f.q3() - f.q1();
        double low = f.q1() - 1.5 * iqr;
        double high = f.q3() + 1.5 * iqr;
        put(x + "_is_outlier", "(" + v + " < " + dbl(low) + " OR " + v + " > " + dbl(high) + ")");
        if (f.equalEdges() != null) {
            put(x + "_bin_equal", bin(v, f.equalEdges()));
        }
        if (f.quantileEdges() != null) {
            put(x + "_bin_quantile", bin(v, f.quantileEdges()));
        }
        if (f.allPositive()) {
            put(x + "_sqrt", "CASE WHEN " + v + " >= 0 THEN sqrt(" + v + ") END");
            put(x + "_boxcox", "CASE WHEN " + v + " > 0 THEN " + boxcox(v, f.boxcoxLambda(), safe) + " END");
        }
        if (mean != 0) {
            put(x + "_div_mean", safe.divide(v, dbl(mean)));
        }
        put(x + "_squared", safe.times(v, v));
        // an overflowing z-score is infinite in Java, so beyond any threshold
        put(x + "_is_outlier_zscore", std > 0 ? "CASE WHEN " + v + " IS NOT NULL THEN coalesce(abs("
                + safe.divide(safe.minus(v, dbl(mean)), dbl(std)) + ") > "
                + dbl(plan.options().zscoreOutlierThreshold()) + ", TRUE) END" : "CAST(NULL AS BOOLEAN)");
    }

    /** ln(1 + v) without the cancellation of 1 + v near 0 (engines have no log1p). */
    private static String log1p(String v) {
        // below 1e-20 both are v itself (Java's too); the polynomial would underflow there, an error on PostgreSQL
        return "CASE WHEN abs(" + v + ") < 1e-20 THEN " + v + " WHEN abs(" + v + ") < 1e-5 THEN " + v + " * (1 - " + v + " * (0.5 - " + v + " * ("
                + dbl(1.0 / 3) + " - " + v + " * 0.25))) ELSE ln(1 + " + v + ") END";
    }

    /** (e^y - 1) without the cancellation near 0 (engines have no expm1). */
    private static String expm1(String y) {
        return "CASE WHEN abs(" + y + ") < 1e-20 THEN " + y + " WHEN abs(" + y + ") < 1e-5 THEN " + y + " * (1 + " + y + " * (0.5 + " + y + " * ("
                + dbl(1.0 / 6) + " + " + y + " * " + dbl(1.0 / 24) + "))) ELSE exp(" + y + ") - 1 END";
    }

    private static String boxcox(String v, double lambda, OverflowSafeSql safe) {
        if (Math.abs(lambda) < 1e-12) {
            return "ln(" + v + ")";
        }
        String y = "(" + dbl(lambda) + " * ln(" + v + "))";
        return safe.divide(safe.expm1(y, "(" + expm1(y) + ")"), dbl(lambda));
    }

    /**
     * {@link FeatureComputer#bin}: the number of interior edges below the value (edges ascend), as a sum of
     * comparisons, which engines evaluate much faster than a {@code CASE} with a branch per edge.
     */
    private static String bin(String v, double[] edges) {
        List<String> below = new ArrayList<>();
        for (int i = 1; i < edges.length - 1; i++) {
            below.add("CAST(" + v + " > " + dbl(edges[i]) + " AS INTEGER)");
        }
        return below.isEmpty() ? "CASE WHEN " + v + " IS NOT NULL THEN CAST(0 AS BIGINT) END"
                : "CAST(" + String.join(" + ", below) + " AS BIGINT)";
    }

    /**
     * {@link RankTable#percentile}. DuckDB: Java's own lookup. PostgreSQL: the greatest rank point at or below the
     * value, found by {@code width_bucket}, interpolated to the next.
     */
    private String percentile(String v, RankTable ranks) {
        if (ranks.n() == 0 || ranks.values().length == 0) {
            return "CAST(NULL AS DOUBLE PRECISION)";
        }
        if (duck) {
            return functions.percentile(v, ranks);
        }
        String n = dbl(ranks.n());
        int length = ranks.values().length;
        String a = alias();
        StringBuilder values = new StringBuilder();
        StringBuilder belows = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String sep = i == 0 ? "" : ",";
            values.append(sep).append(ranks.values()[i]);
            belows.append(sep).append(ranks.below()[i]);
            counts.append(sep).append(ranks.counts()[i]);
        }
        rankArrays.add(new String[] {a, "CAST('{" + values + "}' AS DOUBLE PRECISION[]) AS " + a + "v, CAST('{"
                + belows + "}' AS BIGINT[]) AS " + a + "b, CAST('{" + counts + "}' AS BIGINT[]) AS " + a + "c"});
        String w = alias();
        String inner = v.replace("s.", "i.");
        outerColumns.add(new String[] {a, "width_bucket(" + inner + ", k." + a + "v) AS " + w});
        outerColumns.add(new String[] {a, "k." + a + "v AS " + a + "v, k." + a + "b AS " + a + "b, k." + a + "c AS "
            + a + "c"});
        String idx = "s." + w;
        String point = "s." + a + "v[" + idx + "]";
        String below = "s." + a + "b[" + idx + "]";
        String count = "s." + a + "c[" + idx + "]";
        String next = "s." + a + "v[" + idx + " + 1]";
        String nextBelow = "s." + a + "b[" + idx + " + 1]";
        // below min: 0 rows below; at a point: its average rank; above max: n rows below; between: interpolated
        String low = "CAST(" + below + " + " + count + " AS DOUBLE PRECISION)";
        String between = "(" + low + " + CAST(" + nextBelow + " - " + below + " - " + count
                + " AS DOUBLE PRECISION) * (" + v + " - " + point + ") / (" + next + " - " + point + "))";
        return "CASE WHEN " + v + " IS NULL THEN NULL"
                + " WHEN " + point + " IS NULL THEN " + clip("0.5 / " + n)
                + " WHEN " + v + " = " + point + " THEN (CAST(" + below + " AS DOUBLE PRECISION) + CAST(" + count
                + " + 1 AS DOUBLE PRECISION) / 2.0) / " + n
                + " WHEN " + next + " IS NULL THEN " + clip("(" + n + " + 0.5) / " + n)
                + " ELSE " + clip("(" + between + " + 0.5) / " + n) + " END";
    }

    private static String clip(String value) {
        return "least(CAST(1.0 AS DOUBLE PRECISION), greatest(CAST(0.0 AS DOUBLE PRECISION), " + value + "))";
    }

    // ---- categorical ----

    private void categorical(ColumnFit fit) {
        CategoricalFit f = fit.categorical();
        if (f == null) {
            return;
        }
        String x = fit.name();
        ColumnInfo info = present.get(x);
        List<String> oneHot = f.oneHot();
        if (info == null) {
            putNull(x + "_frequency", ColumnType.INTEGER);
            putNull(x + "_frequency_ratio", ColumnType.DECIMAL);
            for (String value : oneHot) {
                putNull(x + "_" + value, ColumnType.BOOLEAN);
            }
            putNull(x + "_is_rare", ColumnType.BOOLEAN);
            putNull(x + "_nunique_chars", ColumnType.INTEGER);
            return;
        }
        String column = q(x);
        ColumnType type = info.storageType();
        String count;
        if (f.values().size() <= CASE_VOCABULARY) {
            StringBuilder sql = new StringBuilder("CASE WHEN ").append(column).append(" IS NULL THEN NULL");
            for (int i = 0; i < f.values().size(); i++) {
                sql.append(" WHEN ").append(column).append(" = ").append(literal(f.values().get(i), type))
                        .append(" THEN ").append(f.counts()[i]);
            }
            count = "CAST(" + sql.append(" ELSE 0 END") + " AS BIGINT)";
        } else {
            String r = alias();
            StringBuilder values = new StringBuilder();
            StringBuilder counts = new StringBuilder();
            for (int i = 0; i < f.values().size(); i++) {
                String sep = i == 0 ? "" : ",";
                values.append(sep).append(literal(f.values().get(i), type));
                counts.append(sep).append(f.counts()[i]);
            }
            joins.add(new String[] {r, " LEFT JOIN (SELECT unnest(ARRAY[" + values + "]) AS v, unnest(ARRAY["
                + counts + "]) AS n) " + r + " ON " + column + " = " + r + ".v"});
            count = "CASE WHEN " + column + " IS NULL THEN NULL ELSE CAST(COALESCE(" + r + ".n, 0) AS BIGINT) END";
        }
        put(x + "_frequency", count);
        put(x + "_frequency_ratio", f.rows() == 0 ? "CAST(NULL AS DOUBLE PRECISION)"
                : "CAST(" + count + " AS DOUBLE PRECISION) / " + dbl(f.rows()));
        for (String value : oneHot) {
            put(x + "_" + value, "CASE WHEN " + column + " = " + literal(value, type) + " THEN TRUE ELSE FALSE END");
        }
        double rareBelow = plan.options().rareThreshold() * f.rows();
        put(x + "_is_rare", "(" + count + " < " + dbl(rareBelow) + ")");
        if (f.stringValued()) {
            put(x + "_nunique_chars", "CAST(COALESCE(" + length(column) + ", 0) AS BIGINT)");
        }
    }

    /** A vocabulary entry ({@link FeatureComputer#categoryText}) as a literal of the column's type. */
    private static String literal(String value, ColumnType type) {
        return switch (type) {
            case INTEGER -> "CAST(" + Long.parseLong(value) + " AS BIGINT)";
            case DECIMAL -> dbl(Double.parseDouble(value));
            case BOOLEAN -> Boolean.parseBoolean(value) ? "TRUE" : "FALSE";
            default -> text(value);
        };
    }

    // ---- temporal ----

    private void temporal(ColumnFit fit) {
        String x = fit.name();
        FeatureOptions options = plan.options();
        String start = fit.temporal() == null ? null : fit.temporal().start();
        ColumnInfo info = present.get(x);
        List<String> names = new ArrayList<>(List.of("year", "month", "day", "dayofweek", "hour", "is_weekend",
                "is_month_start", "is_month_end", "month_sin", "month_cos", "hour_sin", "hour_cos"));
        if (info == null) {
            for (String suffix : names) {
                putNull(x + "_" + suffix, suffix.startsWith("is_") ? ColumnType.BOOLEAN
                        : suffix.contains("_s") || suffix.contains("_c") ? ColumnType.DECIMAL : ColumnType.INTEGER);
            }
            putNull(x + "_days_since_start", ColumnType.INTEGER);
            putNull(x + "_quarter", ColumnType.INTEGER);
            putNull(x + "_dayofweek_sin", ColumnType.DECIMAL);
            putNull(x + "_dayofweek_cos", ColumnType.DECIMAL);
            return;
        }
        String t = "CAST(" + q(x) + " AS TIMESTAMP)";
        String month = "EXTRACT(month FROM " + t + ")";
        String hour = "EXTRACT(hour FROM " + t + ")";
        String day = "EXTRACT(day FROM " + t + ")";
        String dow = "(EXTRACT(isodow FROM " + t + ") - 1)";
        put(x + "_year", "CAST(EXTRACT(year FROM " + t + ") AS BIGINT)");
        put(x + "_month", "CAST(" + month + " AS BIGINT)");
        put(x + "_day", "CAST(" + day + " AS BIGINT)");
        put(x + "_dayofweek", "CAST(" + dow + " AS BIGINT)");
        put(x + "_hour", "CAST(" + hour + " AS BIGINT)");
        put(x + "_is_weekend", "(" + dow + " >= 5)");
        put(x + "_is_month_start", "(" + day + " = 1)");
        String lastDay = duck ? "EXTRACT(day FROM last_day(" + t + "))"
                : "EXTRACT(day FROM date_trunc('month', " + t + ") + INTERVAL '1 month' - INTERVAL '1 day')";
        put(x + "_is_month_end", "(" + day + " = " + lastDay + ")");
        put(x + "_month_sin", cycle("sin", month, 12));
        put(x + "_month_cos", cycle("cos", month, 12));
        put(x + "_hour_sin", cycle("sin", hour, 24));
        put(x + "_hour_cos", cycle("cos", hour, 24));
        if (start != null) {
            LocalDateTime from = LocalDateTime.parse(start);
            String origin = "CAST('" + from.toString().replace('T', ' ') + "' AS TIMESTAMP)";
            // whole days, floored (pandas' Timedelta.days), in exact integer or numeric arithmetic
            String days;
            if (duck) {
                String micros = "(epoch_us(" + t + ") - epoch_us(" + origin + "))";
                // floor division whatever the sign: // truncates toward zero
                days = "(CASE WHEN " + micros + " >= 0 THEN " + micros + " // 86400000000 ELSE -((-" + micros
                        + " + 86399999999) // 86400000000) END)";
            } else {
                days = "floor(EXTRACT(epoch FROM (" + t + " - " + origin + ")) / 86400)";
            }
            put(x + "_days_since_start", "CAST(" + days + " AS BIGINT)");
        }
        put(x + "_quarter", "CAST(EXTRACT(quarter FROM " + t + ") AS BIGINT)");
        put(x + "_dayofweek_sin", cycle("sin", dow, 7));
        put(x + "_dayofweek_cos", cycle("cos", dow, 7));
    }

    /** {@code sin(2 * PI * part / period)} in Java's order of operations. */
    private static String cycle(String function, String part, int period) {
        return function + "(CAST('" + TWO_PI + "' AS DOUBLE PRECISION) * CAST(" + part + " AS DOUBLE PRECISION) / "
                + period + ".0)";
    }

    // ---- text ----

    private String length(String s) {
        return duck ? "length(" + s + ")" : "char_length(" + s + ")";
    }

    private void text(ColumnFit fit) {
        String x = fit.name();
        if (!present.containsKey(x)) {
            for (int i = 0; i < TextFeatures.SUFFIXES.size(); i++) {
                putNull(x + "_" + TextFeatures.SUFFIXES.get(i), TextFeatures.TYPES.get(i));
            }
            return;
        }
        ColumnInfo info = present.get(x);
        if (textInEngine(backend, info)) {
            long column = functions.textColumn();
            for (int i = 0; i < TextFeatures.SUFFIXES.size(); i++) {
                String suffix = TextFeatures.SUFFIXES.get(i);
                // DuckDB's length counts code points as Java's does, without computing the other features
                put(x + "_" + suffix, suffix.equals("length") ? "CAST(length(COALESCE(" + q(x) + ", '')) AS BIGINT)"
                        : functions.text(q(x), "s._mdm_o", column, i));
            }
            return;
        }
        // every other text column's family is computed in Java by TextFeaturePass and joined as precomputed
        // columns (compile): no SQL here, so a feature missing there fails compile instead of running other code
    }

    // ---- missing data ----

    private void missing(MissingFit fit) {
        for (String column : fit.indicators()) {
            put(column + "_is_missing", present.containsKey(column) ? "(" + q(column) + " IS NULL)"
                    : "CAST(NULL AS BOOLEAN)");
        }
        List<String> flags = new ArrayList<>();
        List<String> bits = new ArrayList<>();
        for (String column : fit.columns()) {
            // a column absent from the table is not missing data of its rows
            if (present.containsKey(column)) {
                flags.add("CASE WHEN " + q(column) + " IS NULL THEN 1 ELSE 0 END");
                bits.add("CASE WHEN " + q(column) + " IS NULL THEN '1' ELSE '0' END");
            } else {
                bits.add("'0'");
            }
        }
        String total = flags.isEmpty() ? "0" : "(" + String.join(" + ", flags) + ")";
        put("total_missing_count", "CAST(" + total + " AS BIGINT)");
        put("missing_ratio", "CAST(" + total + " AS DOUBLE PRECISION) / " + fit.columns().size() + ".0");
        String pattern = "(" + String.join(" || ", bits) + ")";
        List<String> runs = new ArrayList<>();
        for (int k = 1; k <= flags.size(); k++) {
            runs.add("CASE WHEN strpos(" + pattern + ", '" + "1".repeat(k) + "') > 0 THEN 1 ELSE 0 END");
        }
        put("max_consecutive_missing", "CAST(" + (runs.isEmpty() ? "0" : String.join(" + ", runs)) + " AS BIGINT)");
        put("missing_pattern_id", flags.size() <= PATTERN_LOOKUP_COLUMNS ? patternLookup(fit.columns())
                : patternHash(pattern));
        List<String> pairs = fit.pairs();
        for (int a = 0; a < pairs.size(); a++) {
            for (int b = a + 1; b < pairs.size(); b++) {
                String name = "missing_together_" + pairs.get(a) + "_" + pairs.get(b);
                put(name, present.containsKey(pairs.get(a)) && present.containsKey(pairs.get(b))
                        ? "(" + q(pairs.get(a)) + " IS NULL AND " + q(pairs.get(b)) + " IS NULL)"
                        : "CAST(NULL AS BOOLEAN)");
            }
        }
    }

    /** The pattern id by its missing bits from a constant list of every pattern's id: no MD5 per row. */
    private String patternLookup(List<String> columns) {
        List<String> bits = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (present.containsKey(columns.get(i))) {
                bits.add("CASE WHEN " + q(columns.get(i)) + " IS NULL THEN " + (1 << positions.size()) + " ELSE 0 END");
                positions.add(i);
            }
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
        StringBuilder ids = new StringBuilder();
        for (int mask = 0; mask < 1 << positions.size(); mask++) {
            char[] pattern = "0".repeat(columns.size()).toCharArray();
            for (int j = 0; j < positions.size(); j++) {
                if ((mask & 1 << j) != 0) {
                    pattern[positions.get(j)] = '1';
                }
            }
            ids.append(mask == 0 ? "" : ",").append(patternId(md5, pattern));
        }
        String index = bits.isEmpty() ? "0" : String.join(" + ", bits);
        return "(CAST('" + (duck ? "[" + ids + "]" : "{" + ids + "}") + "' AS BIGINT[]))[1 + " + index + "]";
    }

    /** {@link FeatureComputer}'s pattern id: the first 32 bits of the MD5 of the pattern's text, unsigned. */
    private static long patternId(MessageDigest md5, char[] pattern) {
        byte[] digest = md5.digest(new String(pattern).getBytes(StandardCharsets.US_ASCII));
        return ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                | (digest[3] & 0xFFL);
    }

    /** {@link #patternId} computed by the engine for each row. */
    private String patternHash(String pattern) {
        String hex = "substr(md5(" + pattern + "), 1, 8)";
        return duck ? "CAST(('0x' || " + hex + ") AS BIGINT)" : "CAST(CAST(('x' || " + hex + ") AS BIT(32)) AS BIGINT)";
    }

    // ---- interactions and custom ----

    private void interaction(InteractionFit pair) {
        String prefix = pair.a() + "_";
        String a = number(pair.a());
        String b = number(pair.b());
        String[] names = {prefix + "plus_" + pair.b(), prefix + "minus_" + pair.b(), prefix + "times_" + pair.b(),
            prefix + "div_" + pair.b()};
        if (a == null || b == null) {
            for (String name : names) {
                putNull(name, ColumnType.DECIMAL);
            }
            return;
        }
        put(names[0], safe.plus(a, b));
        put(names[1], safe.minus(a, b));
        put(names[2], safe.times(a, b));
        put(names[3], "CASE WHEN " + a + " IS NULL OR " + b + " IS NULL THEN NULL WHEN " + b + " = 0 THEN 0.0 ELSE "
                + safe.divide(a, b) + " END");
    }

    private void custom(CustomFit custom, boolean evaluates) {
        if (!evaluates) {
            putNull(custom.name(), custom.type());
            return;
        }
        String name = alias();
        innerColumns.add("(" + custom.expression() + ") AS " + name);
        String value = "s." + name;
        put(custom.name(), switch (custom.type()) {
            case BOOLEAN -> "CAST(" + value + " AS BOOLEAN)";
            case INTEGER -> "CAST(" + value + " AS BIGINT)";
            case DECIMAL -> duck ? "CASE WHEN isfinite(CAST(" + value + " AS DOUBLE)) THEN CAST(" + value
                    + " AS DOUBLE) END"
                    : "CASE WHEN CAST(" + value + " AS DOUBLE PRECISION) NOT IN ('NaN', 'Infinity', '-Infinity') THEN "
                    + "CAST(" + value + " AS DOUBLE PRECISION) END";
            default -> "CAST(" + value + " AS " + backend.sqlType(ColumnType.TEXT) + ")";
        });
    }
}
