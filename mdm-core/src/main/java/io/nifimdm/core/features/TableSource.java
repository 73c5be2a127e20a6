package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.features.FeaturePlan.CustomFit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side of one table for the feature passes: its columns, then the custom expressions that evaluate on it
 * (those that do not, for example because a column they name is absent, give null features), as one streamed SELECT
 * in the table's natural order.
 */
final class TableSource {

    private final Backend backend;
    private final List<ColumnInfo> columns;
    private final String sql;
    private final Map<String, Integer> sourceIndex = new HashMap<>();
    private final Map<String, Integer> customIndex = new HashMap<>();
    private final int width;

    TableSource(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> columns,
                List<CustomFit> custom) {
        this.backend = backend;
        this.columns = columns;
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sourceIndex.put(columns.get(i).name(), i);
            select.append(i == 0 ? "" : ", ").append(backend.quote(columns.get(i).name()));
        }
        int next = columns.size();
        String from = " FROM " + backend.qualified(schema, table);
        for (CustomFit fit : custom) {
            if (evaluates(connection, "SELECT (" + fit.expression() + ")" + from + " WHERE 1 = 0")) {
                customIndex.put(fit.name(), next++);
                select.append(next == 1 ? "" : ", ").append('(').append(fit.expression()).append(')');
            }
        }
        if (next == 0) {
            select.append("1");
        }
        this.width = next;
        this.sql = select + from;
    }

    private static boolean evaluates(Connection connection, String probe) {
        try (Statement statement = connection.createStatement(); ResultSet ignored = statement.executeQuery(probe)) {
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            SourceQueries.rollbackQuietly(connection);
        }
    }

    List<ColumnInfo> columns() {
        return columns;
    }

    Map<String, Integer> sourceIndex() {
        return sourceIndex;
    }

    Map<String, Integer> customIndex() {
        return customIndex;
    }

    int width() {
        return width;
    }

    @FunctionalInterface
    interface RowConsumer {
        void row(Object[] row) throws Exception;
    }

    /** Streams every row; the array is reused between calls. */
    void stream(Connection connection, RowConsumer consumer) throws Exception {
        Object[] row = new Object[width];
        int sourceWidth = columns.size();
        SourceQueries.stream(connection, backend, sql, rs -> {
            for (int i = 0; i < sourceWidth; i++) {
                row[i] = backend.readValue(rs, i + 1, columns.get(i).storageType());
            }
            for (int i = sourceWidth; i < width; i++) {
                row[i] = rs.getObject(i + 1);
            }
            consumer.row(row);
        });
    }

    static List<String> names(List<ColumnInfo> columns) {
        List<String> names = new ArrayList<>();
        for (ColumnInfo column : columns) {
            names.add(column.name());
        }
        return names;
    }
}
