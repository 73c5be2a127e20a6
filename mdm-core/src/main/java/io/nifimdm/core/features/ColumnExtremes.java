package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.ColumnInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The fit's first pass, aggregates the engine computes in one scan of the fit table: the row count, each column's
 * non-null count, the count and extremes of the numeric columns' numbers and the earliest value of the temporal
 * columns. No sums, so no value can overflow an engine's arithmetic (PostgreSQL raises on float overflow).
 */
final class ColumnExtremes {

    private static final int COLUMNS_PER_STATEMENT = 100;
    /** SQLite keeps timestamps as ISO text; text of this shape sorts in time order once 'T' reads as ' '. */
    private static final String ISO_TEXT = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'";

    long rows;
    final long[] nonNull;
    final long[] numbers;
    final double[] min;
    final double[] max;
    final LocalDateTime[] earliest;

    private ColumnExtremes(int width) {
        nonNull = new long[width];
        numbers = new long[width];
        min = new double[width];
        max = new double[width];
        earliest = new LocalDateTime[width];
    }

    /**
     * @param numeric  columns whose numbers are counted and bounded
     * @param temporal columns whose earliest value is found
     */
    static ColumnExtremes scan(Connection connection, Backend backend, String schema, String table,
                               List<ColumnInfo> columns, boolean[] numeric, boolean[] temporal) throws Exception {
        ColumnExtremes result = new ColumnExtremes(columns.size());
        String from = " FROM " + backend.qualified(schema, table);
        for (int first = 0; first < columns.size(); first += COLUMNS_PER_STATEMENT) {
            int last = Math.min(columns.size(), first + COLUMNS_PER_STATEMENT);
            List<String> aggregates = new ArrayList<>();
            aggregates.add("COUNT(*)");
            for (int i = first; i < last; i++) {
                ColumnInfo column = columns.get(i);
                String x = backend.quote(column.name());
                aggregates.add("COUNT(" + x + ")");
                if (numeric[i]) {
                    String v = NumericSql.value(backend, column.name(), column.storageType());
                    aggregates.add("COUNT(" + v + ")");
                    aggregates.add("MIN(" + v + ")");
                    aggregates.add("MAX(" + v + ")");
                }
                if (temporal[i]) {
                    aggregates.addAll(earliestAggregates(backend, x));
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", aggregates) + from)) {
                rs.next();
                result.rows = rs.getLong(1);
                int at = 2;
                for (int i = first; i < last; i++) {
                    ColumnInfo column = columns.get(i);
                    result.nonNull[i] = rs.getLong(at++);
                    if (numeric[i]) {
                        result.numbers[i] = rs.getLong(at++);
                        result.min[i] = number(rs, at++);
                        result.max[i] = number(rs, at++);
                    }
                    if (temporal[i]) {
                        result.earliest[i] = FeatureComputer.dateTime(
                                backend.readValue(rs, at++, column.storageType()));
                        if (backend.kind() == BackendKind.SQLITE && rs.getLong(at++) > 0) {
                            result.earliest[i] = earlier(result.earliest[i],
                                    earliestOfOtherText(connection, backend, from, column));
                        }
                    }
                }
            } finally {
                SourceQueries.rollbackQuietly(connection);
            }
        }
        return result;
    }

    private static List<String> earliestAggregates(Backend backend, String x) {
        if (backend.kind() != BackendKind.SQLITE) {
            return List.of("MIN(" + x + ")");
        }
        return List.of("MIN(CASE WHEN " + x + " GLOB " + ISO_TEXT + " THEN replace(" + x + ", 'T', ' ') END)",
                "COUNT(CASE WHEN NOT (" + x + " GLOB " + ISO_TEXT + ") THEN 1 END)");
    }

    /** SQLite values of another shape (rare): read one by one as the driver gives them. */
    private static LocalDateTime earliestOfOtherText(Connection connection, Backend backend, String from,
                                                     ColumnInfo column) throws Exception {
        String x = backend.quote(column.name());
        LocalDateTime[] earliest = {null};
        SourceQueries.stream(connection, backend, "SELECT " + x + from + " WHERE NOT (" + x + " GLOB " + ISO_TEXT + ")",
                rs -> earliest[0] = earlier(earliest[0],
                        FeatureComputer.dateTime(backend.readValue(rs, 1, column.storageType()))));
        return earliest[0];
    }

    private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isBefore(a) ? b : a;
    }

    private static double number(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }
}
