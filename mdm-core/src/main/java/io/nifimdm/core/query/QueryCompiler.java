package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.TemporalText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles a {@link QuerySpec} to one parameterised SELECT for one engine. Every name is checked against the table's
 * real columns and quoted by the backend; every value is a bound parameter; numbers the compiler itself generates
 * (limits, the sampling hash constants, quantile probabilities) are Java numbers printed into the SQL.
 *
 * <p>Results are the same on every engine: text comparisons and ordering use byte order (PostgreSQL {@code COLLATE
 * "C"}), LIKE is case-sensitive (SQLite through GLOB), NULLs sort last, grouped results are ordered by their group
 * columns unless told otherwise, and paging without an ORDER BY follows the rows' insertion order.
 */
public final class QueryCompiler {

    /** Internal column holding a row's 1-based insertion position. */
    static final String POSITION = "__mdm_pos";
    /** Name of SQLite's exact quantile aggregate, registered on the connection that runs the query. */
    static final String SQLITE_QUANTILE = "mdm_quantile";
    private static final long HASH_MODULUS = 2_147_483_647L;

    private final Backend backend;
    private final String schema;
    private final TableSchema table;
    private final List<Object> parameters = new ArrayList<>();

    private QueryCompiler(Backend backend, String schema, TableSchema table) {
        this.backend = backend;
        this.schema = schema;
        this.table = table;
    }

    public static CompiledQuery compile(Backend backend, String schema, TableSchema table, QuerySpec spec) {
        return new QueryCompiler(backend, schema, table).compile(spec);
    }

    private BackendKind kind() {
        return backend.kind();
    }

    private CompiledQuery compile(QuerySpec spec) {
        if (spec.limit() != null && spec.limit() < 0) {
            throw new MdmException("Limit must not be negative, got " + spec.limit());
        }
        if (spec.offset() != null && spec.offset() < 0) {
            throw new MdmException("Offset must not be negative, got " + spec.offset());
        }
        boolean paging = spec.limit() != null || spec.offset() != null;
        boolean needPosition = spec.sample() != null || (!spec.isAggregate() && paging);

        String source = backend.qualified(schema, table.table());
        String from = needPosition
                ? "(SELECT *, " + positionExpression() + " AS " + q(POSITION) + " FROM " + source + ") AS "
                + q("__mdm_t")
                : source;
        List<String> conditions = new ArrayList<>();
        if (spec.filter() != null) {
            conditions.add(filter(spec.filter()));
        }
        Sample sample = spec.sample();
        if (sample != null && sample.fraction() != null) {
            long threshold = (long) Math.floor(sample.fraction() * HASH_MODULUS);
            conditions.add(hash(sample.seed()) + " < " + threshold);
        }
        if (sample != null && sample.rows() != null) {
            from = "(SELECT * FROM " + from + where(conditions) + " ORDER BY " + hash(sample.seed()) + ", "
                    + q(POSITION) + " LIMIT " + sample.rows() + ") AS " + q("__mdm_s");
            conditions.clear();
        }

        StringBuilder sql = new StringBuilder("SELECT ");
        List<ResultColumn> output = new ArrayList<>();
        List<String> order = new ArrayList<>();
        if (spec.isAggregate()) {
            aggregate(spec, sql, output, order, from, conditions);
        } else {
            List<String> projected = spec.columns().isEmpty()
                    ? table.columns().stream().map(ResultColumn::name).toList() : spec.columns();
            Set<String> seen = new HashSet<>();
            for (String name : projected) {
                ResultColumn column = table.column(name);
                if (!seen.add(name)) {
                    throw new MdmException("Column '" + name + "' is selected twice");
                }
                sql.append(output.isEmpty() ? "" : ", ").append(q(name));
                output.add(column);
            }
            sql.append(" FROM ").append(from).append(where(conditions));
            for (SortKey key : spec.orderBy()) {
                order.add(sortColumn(table.column(key.column())) + direction(key.descending()));
            }
            if (needPosition) {
                order.add(q(POSITION));
            }
        }
        if (!order.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", order));
        }
        if (spec.limit() != null) {
            sql.append(" LIMIT ").append(spec.limit());
        } else if (spec.offset() != null && kind() == BackendKind.SQLITE) {
            sql.append(" LIMIT -1");
        }
        if (spec.offset() != null) {
            sql.append(" OFFSET ").append(spec.offset());
        }
        return new CompiledQuery(sql.toString(), parameters, output);
    }

    private void aggregate(QuerySpec spec, StringBuilder sql, List<ResultColumn> output, List<String> order,
                           String from, List<String> conditions) {
        Set<String> names = new HashSet<>();
        List<String> groupExpressions = new ArrayList<>();
        for (String name : spec.groupBy()) {
            ResultColumn column = table.column(name);
            if (!names.add(name)) {
                throw new MdmException("Column '" + name + "' is grouped twice");
            }
            sql.append(output.isEmpty() ? "" : ", ").append(q(name));
            output.add(column);
            groupExpressions.add(q(name));
        }
        for (Aggregation aggregation : spec.aggregations()) {
            String name = aggregation.outputName();
            if (!names.add(name)) {
                throw new MdmException("Output column '" + name + "' appears twice: give the aggregation a "
                        + "name with AS");
            }
            ResultColumn input = aggregation.column() == null ? null : table.column(aggregation.column());
            sql.append(output.isEmpty() ? "" : ", ").append(aggregateExpression(aggregation, input))
                    .append(" AS ").append(q(name));
            output.add(new ResultColumn(name, aggregateType(aggregation, input)));
        }
        sql.append(" FROM ").append(from).append(where(conditions));
        if (!groupExpressions.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupExpressions));
        }
        Set<String> ordered = new HashSet<>();
        for (SortKey key : spec.orderBy()) {
            ordered.add(key.column());
            if (spec.groupBy().contains(key.column())) {
                order.add(sortColumn(table.column(key.column())) + direction(key.descending()));
            } else if (names.contains(key.column())) {
                order.add(q(key.column()) + direction(key.descending()));
            } else {
                throw new MdmException("Cannot order a grouped result by '" + key.column() + "': order by a group "
                        + "column or an aggregation's name (" + String.join(", ", names) + ")");
            }
        }
        for (String group : spec.groupBy()) {
            if (!ordered.contains(group)) {
                order.add(sortColumn(table.column(group)) + direction(false));
            }
        }
    }

    private String aggregateExpression(Aggregation aggregation, ResultColumn input) {
        if (input != null && aggregation.function().needsNumber() && !input.type().isNumeric()) {
            throw new MdmException(aggregation.function().name().toLowerCase(Locale.ROOT) + " needs a numeric "
                    + "column; '" + input.name() + "' is " + input.type().name().toLowerCase(Locale.ROOT));
        }
        String column = input == null ? null : q(input.name());
        return switch (aggregation.function()) {
            case COUNT -> column == null ? "count(*)" : "count(" + column + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + column + ")";
            case SUM -> "sum(" + column + ")";
            case AVG -> "avg(" + column + ")";
            case MIN, MAX -> minMax(aggregation.function() == Aggregation.Function.MIN, input, column);
            case STDDEV -> kind() == BackendKind.SQLITE ? sqliteStddev(column) : "stddev_samp(" + column + ")";
            case MEDIAN, QUANTILE -> {
                String p = Double.toString(aggregation.quantile());
                yield switch (kind()) {
                    case DUCKDB -> "quantile_cont(" + column + ", " + p + ")";
                    case POSTGRESQL -> "percentile_cont(" + p + ") WITHIN GROUP (ORDER BY " + column + ")";
                    case SQLITE -> SQLITE_QUANTILE + "(" + column + ", " + p + ")";
                };
            }
        };
    }

    /**
     * SQLite has no stddev_samp; a registered Java aggregate would cost a JNI call per row, so it is one pass of SQL
     * sums over values shifted by a constant K: {@code (sum(d*d) - sum(d)*sum(d)/n) / (n - 1)} with
     * {@code d = x - K}. Unshifted (K = 0) the two terms cancel catastrophically for values like 1e9 with a spread
     * of 1; shifted, the relative error is about 1e-16 * ((mean - K) / stddev)^2, and SQLite's sum() is compensated
     * (Kahan-Babuska-Neumaier). K is the column's first non-null value in table order: a value from the data, so
     * near the groups' means for any data whose groups overlap, and a scalar subquery SQLite runs once, not a second
     * pass. The limit: a group whose mean lies more than about 3000 of its own standard deviations from K (groups
     * of tiny spread at very different magnitudes) loses precision beyond 1e-9 relative; only a per-group shift
     * fixes that, which costs a second grouped pass or a per-row Java aggregate (measured 15% slower in total).
     * CAST to REAL keeps integer columns from overflowing sum(). One value gives NULL (division by zero), as
     * stddev_samp does.
     */
    private String sqliteStddev(String column) {
        String shift = "(SELECT CAST(" + column + " AS REAL) FROM " + backend.qualified(schema, table.table())
                + " WHERE " + column + " IS NOT NULL LIMIT 1)";
        String d = "(CAST(" + column + " AS REAL) - " + shift + ")";
        return "sqrt(max(0.0, (sum(" + d + " * " + d + ") - sum(" + d + ") * sum(" + d + ") / count(" + column
                + ")) / (count(" + column + ") - 1)))";
    }

    private String minMax(boolean min, ResultColumn input, String column) {
        if (kind() == BackendKind.POSTGRESQL && input.type() == ColumnType.BOOLEAN) {
            return (min ? "bool_and(" : "bool_or(") + column + ")";
        }
        String argument = kind() == BackendKind.POSTGRESQL && input.type() == ColumnType.TEXT
                ? column + " COLLATE \"C\"" : column;
        return (min ? "min(" : "max(") + argument + ")";
    }

    private static ColumnType aggregateType(Aggregation aggregation, ResultColumn input) {
        return switch (aggregation.function()) {
            case COUNT, COUNT_DISTINCT -> ColumnType.INTEGER;
            case SUM -> input.type() == ColumnType.INTEGER ? ColumnType.INTEGER : ColumnType.DECIMAL;
            case AVG, STDDEV, MEDIAN, QUANTILE -> ColumnType.DECIMAL;
            case MIN, MAX -> input.type();
        };
    }

    private String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String positionExpression() {
        return switch (kind()) {
            case SQLITE -> "rowid";
            case DUCKDB -> "rowid + 1";
            // heap order is insertion order for tables that are only ever appended to or replaced, as datasets are
            case POSTGRESQL -> "row_number() OVER (ORDER BY ctid)";
        };
    }

    /**
     * A pseudo-random number in [0, 2^31 - 1) per row from its position and the seed, in 64-bit integer arithmetic
     * that never overflows (every product stays below 2^62), so all engines compute the same value.
     */
    private String hash(long seed) {
        long a = Math.floorMod(mix(seed), HASH_MODULUS);
        long b = Math.floorMod(mix(seed ^ 0x5DEECE66DL), HASH_MODULUS);
        String p = Long.toString(HASH_MODULUS);
        String x = "(((" + q(POSITION) + " % " + p + ") * 48271 + " + a + ") % " + p + ")";
        return "(((" + x + " * " + x + ") % " + p + ") * 16807 + " + b + ") % " + p;
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private String sortColumn(ResultColumn column) {
        String quoted = q(column.name());
        return kind() == BackendKind.POSTGRESQL && column.type() == ColumnType.TEXT ? quoted + " COLLATE \"C\""
                : quoted;
    }

    private static String direction(boolean descending) {
        return descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
    }

    private String q(String identifier) {
        return backend.quote(identifier);
    }

    // ---- filters ----

    private String filter(Filter filter) {
        return switch (filter) {
            case Filter.And and -> group(and.parts(), " AND ");
            case Filter.Or or -> group(or.parts(), " OR ");
            case Filter.IsNull isNull -> q(table.column(isNull.column()).name())
                    + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
            case Filter.Comparison c -> {
                ResultColumn column = table.column(c.column());
                yield comparable(column, c.operator() != Filter.Operator.EQ && c.operator() != Filter.Operator.NE)
                        + " " + c.operator().sql() + " " + bind(column, c.value());
            }
            case Filter.Between between -> {
                ResultColumn column = table.column(between.column());
                yield comparable(column, true) + " BETWEEN " + bind(column, between.low()) + " AND "
                        + bind(column, between.high());
            }
            case Filter.In in -> in(in);
            case Filter.Like like -> like(like);
        };
    }

    private String group(List<Filter> parts, String separator) {
        if (parts.isEmpty()) {
            return separator.equals(" AND ") ? "1 = 1" : "1 = 0";
        }
        List<String> compiled = new ArrayList<>();
        for (Filter part : parts) {
            compiled.add(filter(part));
        }
        return "(" + String.join(separator, compiled) + ")";
    }

    private String comparable(ResultColumn column, boolean ordering) {
        String quoted = q(column.name());
        return ordering && kind() == BackendKind.POSTGRESQL && column.type() == ColumnType.TEXT
                ? quoted + " COLLATE \"C\"" : quoted;
    }

    private String in(Filter.In in) {
        ResultColumn column = table.column(in.column());
        boolean hasNull = in.values().contains(null);
        List<String> placeholders = new ArrayList<>();
        for (Object value : in.values()) {
            if (value != null) {
                placeholders.add(bind(column, value));
            }
        }
        String quoted = q(column.name());
        if (in.negated()) {
            String notIn = placeholders.isEmpty() ? "1 = 1"
                    : quoted + " NOT IN (" + String.join(", ", placeholders) + ")";
            return "(" + notIn + " AND " + quoted + " IS NOT NULL)";
        }
        String inList = placeholders.isEmpty() ? "1 = 0" : quoted + " IN (" + String.join(", ", placeholders) + ")";
        return hasNull ? "(" + inList + " OR " + quoted + " IS NULL)" : inList;
    }

    private String like(Filter.Like like) {
        ResultColumn column = table.column(like.column());
        if (column.type() != ColumnType.TEXT) {
            throw new MdmException("like needs a text column; '" + column.name() + "' is "
                    + column.type().name().toLowerCase(Locale.ROOT));
        }
        String expression;
        if (kind() == BackendKind.SQLITE) {
            // SQLite's LIKE ignores ASCII case; GLOB with the translated pattern matches case-sensitively like the others
            parameters.add(globPattern(like.pattern()));
            expression = q(column.name()) + " GLOB ?";
        } else {
            parameters.add(like.pattern());
            expression = q(column.name()) + " LIKE ?" + (kind() == BackendKind.POSTGRESQL ? " ESCAPE ''" : "");
        }
        return like.negated() ? "NOT (" + expression + ")" : expression;
    }

    static String globPattern(String likePattern) {
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < likePattern.length(); i++) {
            char c = likePattern.charAt(i);
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*' -> glob.append("[*]");
                case '?' -> glob.append("[?]");
                case '[' -> glob.append("[[]");
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }

    /** Adds the value converted to the column's type as a parameter and returns its placeholder. */
    private String bind(ResultColumn column, Object value) {
        Object converted = convert(column, value);
        parameters.add(converted);
        if (kind() != BackendKind.SQLITE && column.type().isTemporal()) {
            return "CAST(? AS " + backend.sqlType(column.type()) + ")";
        }
        return "?";
    }

    private Object convert(ResultColumn column, Object value) {
        String name = column.name();
        try {
            return switch (column.type()) {
                case INTEGER -> switch (value) {
                    case Long l -> l;
                    case Double d -> d == Math.rint(d) && Math.abs(d) < 9.0e18 ? (Object) (long) (double) d : d;
                    case String s -> number(s, true);
                    default -> throw mismatch(name, column.type(), value);
                };
                case DECIMAL -> switch (value) {
                    case Number n -> n.doubleValue();
                    case String s -> Double.parseDouble(s.trim());
                    default -> throw mismatch(name, column.type(), value);
                };
                case BOOLEAN -> {
                    Boolean b = switch (value) {
                        case Boolean v -> v;
                        case Long l when l == 0 || l == 1 -> l == 1;
                        case String s when s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") ->
                                Boolean.parseBoolean(s);
                        default -> throw mismatch(name, column.type(), value);
                    };
                    yield kind() == BackendKind.SQLITE ? (Object) (b ? 1L : 0L) : b;
                }
                case DATE -> {
                    if (!(value instanceof String s)) {
                        throw mismatch(name, column.type(), value);
                    }
                    yield TemporalText.date(LocalDate.parse(s.trim()));
                }
                case TIMESTAMP -> {
                    if (!(value instanceof String s)) {
                        throw mismatch(name, column.type(), value);
                    }
                    yield TemporalText.timestamp(TemporalText.parseTimestamp(s));
                }
                case TEXT -> value instanceof Double d ? Double.toString(d) : value.toString();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw mismatch(name, column.type(), value);
        }
    }

    private static Object number(String text, boolean integral) {
        String t = text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (!integral) {
                throw e;
            }
            return Double.parseDouble(t);
        }
    }

    private static MdmException mismatch(String column, ColumnType type, Object value) {
        return new MdmException("Value '" + value + "' does not fit column '" + column + "' of type "
                + type.name().toLowerCase(Locale.ROOT));
    }
}
