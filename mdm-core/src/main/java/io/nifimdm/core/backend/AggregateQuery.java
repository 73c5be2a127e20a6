package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs a query that returns one row of aggregates, with bound parameters. */
public final class AggregateQuery {

    /**
     * Aggregates per statement at most: SQLite allows 2,000 result columns, PostgreSQL 1,664 target entries, so
     * wide tables are profiled in several statements.
     */
    public static final int MAX_AGGREGATES = 500;

    private AggregateQuery() {
    }

    /** The single row of {@code SELECT aggregates FROM from}, each value as the driver returns it (null for NULL). */
    public static Object[] run(Connection connection, List<String> aggregates, String from, List<?> parameters)
            throws SQLException {
        String sql = "SELECT " + String.join(", ", aggregates) + " FROM " + from;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("Aggregate query returned no row: " + sql);
                }
                Object[] values = new Object[aggregates.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                return values;
            }
        }
    }

    public static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            switch (value) {
                case Double d -> statement.setDouble(i + 1, d);
                case Long l -> statement.setLong(i + 1, l);
                case Integer n -> statement.setLong(i + 1, n);
                default -> throw new IllegalArgumentException("Unexpected parameter " + value);
            }
        }
    }

    public static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A double, or null for NULL and for NaN or infinity (which some engines return for undefined results). */
    public static Double asDouble(Object value) {
        if (value == null) {
            return null;
        }
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    public static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
