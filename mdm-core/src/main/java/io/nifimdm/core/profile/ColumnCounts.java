package io.nifimdm.core.profile;

import io.nifimdm.core.backend.ColumnDef;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass over a table: rows, and per column the present and distinct counts, plus count, mean, min and max of
 * a numeric column's finite values (the mean is the shift of the moment sums, min = max tells a constant column).
 */
record ColumnCounts(ColumnDef column, long rows, long present, long distinct, long finite, Double mean, Double min,
                    Double max) {

    private static final int COLUMNS_PER_STATEMENT = 80;

    boolean numeric() {
        return column.type().isNumeric();
    }

    /** Whether the finite values are all equal (or there are none): variance, skewness and r are then fixed. */
    boolean constant() {
        return finite == 0 || min.equals(max);
    }

    static List<ColumnCounts> of(Connection connection, ProfileSql sql, List<ColumnDef> columns) throws SQLException {
        List<ColumnCounts> counts = new ArrayList<>(columns.size());
        for (List<ColumnDef> chunk : AggregateQuery.chunks(columns, COLUMNS_PER_STATEMENT)) {
            List<String> aggregates = new ArrayList<>();
            aggregates.add("COUNT(*)");
            for (ColumnDef column : chunk) {
                String present = sql.present(column);
                aggregates.add("COUNT(" + present + ")");
                aggregates.add("COUNT(DISTINCT " + present + ")");
                if (column.type().isNumeric()) {
                    String finite = sql.finite(column);
                    aggregates.add("COUNT(" + finite + ")");
                    aggregates.add("AVG(" + finite + ")");
                    aggregates.add("MIN(" + finite + ")");
                    aggregates.add("MAX(" + finite + ")");
                }
            }
            Object[] values = AggregateQuery.run(connection, aggregates, sql.table(), List.of());
            long rows = AggregateQuery.asLong(values[0]);
            int i = 1;
            for (ColumnDef column : chunk) {
                long present = AggregateQuery.asLong(values[i++]);
                long distinct = AggregateQuery.asLong(values[i++]);
                if (column.type().isNumeric()) {
                    long finite = AggregateQuery.asLong(values[i++]);
                    Double mean = AggregateQuery.asDouble(values[i++]);
                    Double min = AggregateQuery.asDouble(values[i++]);
                    Double max = AggregateQuery.asDouble(values[i++]);
                    counts.add(new ColumnCounts(column, rows, present, distinct, finite, mean, min, max));
                } else {
                    counts.add(new ColumnCounts(column, rows, present, distinct, 0, null, null, null));
                }
            }
        }
        return counts;
    }
}
