package io.nifimdm.core.features;

import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two families whose Java definition is cheaper than any SQL for it, called by DuckDB's compiled feature query as
 * scalar functions: the text family ({@link TextFeatures}; its regular expressions cost DuckDB several times more) and
 * percentile ranks ({@link RankLookup}; a rank table join would reorder the rows and need a sort). Inside the one
 * query the engine runs them on its own threads, per vector of rows, so the query needs no join and keeps the source's
 * row order, and the values are Java's by construction.
 *
 * <p>The functions are registered once per database under fixed names; what a call computes is bound to a token, a
 * literal argument that a {@link Session} hands out and forgets when it closes. The text functions take the row's
 * ordinal too: each returns one feature, and all of them are computed from a text at once, so the first call for a
 * vector of rows computes every feature and the calls for the others find them by ordinal in a small cache.
 */
final class DuckDbJavaFunctions {

    private static final String TEXT_BIGINT = "mdm_text_bigint";
    private static final String TEXT_DOUBLE = "mdm_text_double";
    private static final String TEXT_BOOLEAN = "mdm_text_boolean";
    private static final String PERCENTILE = "mdm_percentile";
    /** Vectors of text features kept per text column: more than the engine's threads have in flight. */
    private static final int CACHED_VECTORS = 16;

    private static final AtomicLong TOKENS = new AtomicLong();
    private static final Map<Long, RankLookup> RANKS = new ConcurrentHashMap<>();
    private static final Map<Long, TextVectors> TEXTS = new ConcurrentHashMap<>();

    private DuckDbJavaFunctions() {
    }

    /** Registers the functions on the connection's database unless they are there, and opens a set of bindings. */
    static Session open(Connection connection) throws SQLException {
        synchronized (DuckDbJavaFunctions.class) {
            if (!registered(connection)) {
                register(connection);
            }
        }
        return new Session();
    }

    private static boolean registered(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM duckdb_functions() WHERE function_name = ?")) {
            statement.setString(1, PERCENTILE);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static void register(Connection connection) throws SQLException {
        registerText(connection, TEXT_BIGINT, DuckDBColumnType.BIGINT);
        registerText(connection, TEXT_DOUBLE, DuckDBColumnType.DOUBLE);
        registerText(connection, TEXT_BOOLEAN, DuckDBColumnType.BOOLEAN);
        // registered last: its presence says all are there
        DuckDBFunctions.scalarFunction().withName(PERCENTILE)
                .withParameters(DuckDBColumnType.DOUBLE, DuckDBColumnType.BIGINT)
                .withReturnType(DuckDBColumnType.DOUBLE)
                .withVectorizedFunction((input, out) -> {
                    int rows = (int) input.rowCount();
                    if (rows == 0) {
                        return;
                    }
                    DuckDBReadableVector values = input.vector(0);
                    RankLookup ranks = bound(RANKS, input.vector(1).getLong(0));
                    for (int i = 0; i < rows; i++) {
                        double v = values.isNull(i) ? Double.NaN : values.getDouble(i);
                        double percentile = Double.isNaN(v) ? Double.NaN : ranks.percentile(v);
                        if (Double.isNaN(percentile)) {
                            out.setNull(i);
                        } else {
                            out.setDouble(i, percentile);
                        }
                    }
                }).register(connection);
    }

    private static void registerText(Connection connection, String name, DuckDBColumnType type) throws SQLException {
        DuckDBFunctions.scalarFunction().withName(name)
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.BIGINT, DuckDBColumnType.BIGINT,
                        DuckDBColumnType.INTEGER)
                .withReturnType(type)
                .withVectorizedFunction((input, out) -> {
                    int rows = (int) input.rowCount();
                    if (rows == 0) {
                        return;
                    }
                    TextVectors texts = bound(TEXTS, input.vector(2).getLong(0));
                    int feature = input.vector(3).getInt(0);
                    double[] values = texts.features(input.vector(0), input.vector(1), rows)[feature];
                    for (int i = 0; i < rows; i++) {
                        switch (type) {
                            case BIGINT -> out.setLong(i, (long) values[i]);
                            case BOOLEAN -> out.setBoolean(i, values[i] != 0);
                            default -> out.setDouble(i, values[i]);
                        }
                    }
                }).register(connection);
    }

    private static <T> T bound(Map<Long, T> bindings, long token) {
        T bound = bindings.get(token);
        if (bound == null) {
            throw new IllegalStateException("no binding for token " + token + " (its session is closed)");
        }
        return bound;
    }

    /** The text features of the last vectors of one text column, found again by the rows' ordinals. */
    private static final class TextVectors {

        private final long[][] ordinals = new long[CACHED_VECTORS][];
        /** Per cached vector, per feature, per row; counts and flags (1 or 0) are exact as doubles. */
        private final double[][][] features = new double[CACHED_VECTORS][][];
        private int next;

        double[][] features(DuckDBReadableVector texts, DuckDBReadableVector ordinal, int rows) throws SQLException {
            synchronized (this) {
                for (int v = 0; v < CACHED_VECTORS; v++) {
                    if (same(ordinals[v], ordinal, rows)) {
                        return features[v];
                    }
                }
            }
            long[] rowOrdinals = new long[rows];
            double[][] computed = new double[TextFeatures.SUFFIXES.size()][rows];
            Object[] values = new Object[TextFeatures.SUFFIXES.size()];
            for (int i = 0; i < rows; i++) {
                rowOrdinals[i] = ordinal.getLong(i);
                TextFeatures.compute(texts.isNull(i) ? null : texts.getString(i), values, 0);
                for (int f = 0; f < values.length; f++) {
                    computed[f][i] = switch (values[f]) {
                        case Boolean b -> b ? 1 : 0;
                        case Number n -> n.doubleValue();
                        case null, default -> throw new IllegalStateException("text feature " + f + ": " + values[f]);
                    };
                }
            }
            synchronized (this) {
                ordinals[next] = rowOrdinals;
                features[next] = computed;
                next = (next + 1) % CACHED_VECTORS;
            }
            return computed;
        }

        private static boolean same(long[] cached, DuckDBReadableVector ordinal, int rows) throws SQLException {
            if (cached == null || cached.length != rows) {
                return false;
            }
            for (int i = 0; i < rows; i++) {
                if (cached[i] != ordinal.getLong(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Bindings of compiled SQL to Java: valid until {@link #close()}. */
    static final class Session implements AutoCloseable {

        private final List<Long> tokens = new ArrayList<>();

        private Session() {
        }

        /** SQL for the percentile rank of {@code value} (a DOUBLE expression) in {@code ranks}. */
        String percentile(String value, RankTable ranks) {
            long token = TOKENS.incrementAndGet();
            RANKS.put(token, new RankLookup(ranks));
            tokens.add(token);
            return PERCENTILE + "(" + value + ", " + token + ")";
        }

        /** A binding for one text column, for {@link #text}. */
        long textColumn() {
            long token = TOKENS.incrementAndGet();
            TEXTS.put(token, new TextVectors());
            tokens.add(token);
            return token;
        }

        /**
         * SQL for text feature {@code feature} (an index of {@link TextFeatures#SUFFIXES}) of {@code text} (a VARCHAR
         * expression) in the row numbered {@code ordinal}, for the column bound to {@code token}.
         */
        String text(String text, String ordinal, long token, int feature) {
            String function = switch (TextFeatures.TYPES.get(feature)) {
                case INTEGER -> TEXT_BIGINT;
                case DECIMAL -> TEXT_DOUBLE;
                case BOOLEAN -> TEXT_BOOLEAN;
                default -> throw new IllegalArgumentException("text feature " + feature);
            };
            return function + "(" + text + ", " + ordinal + ", " + token + ", " + feature + ")";
        }

        @Override
        public void close() {
            for (long token : tokens) {
                RANKS.remove(token);
                TEXTS.remove(token);
            }
            tokens.clear();
        }
    }
}
