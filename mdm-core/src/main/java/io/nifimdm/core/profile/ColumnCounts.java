package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass over a table: rows, and per column the present and distinct counts, plus count, mean, min and max of
 * a numeric column's finite values (the mean is the shift of the moment sums, min = max tells a constant column).
 *
 * @param distinct distinct present values, or -1 on SQLite: there COUNT(DISTINCT) builds a temporary b-tree per column
 *        (on 1M rows and eight columns it took longer than all other queries together), so the count is read from
 *        the sorts the percentiles and modes make anyway ({@link DistinctCounts})
 * @param infinities how many of +inf and -inf the column holds (0 to 2), counted on SQLite only
 */
record ColumnCounts(ColumnDef column, long rows, long present, long distinct, long finite, Double mean, Double min,
                    Double max, int infinities) {

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
            boolean countDistinct = sql.kind() != BackendKind.SQLITE;
            for (ColumnDef column : chunk) {
                String present = sql.present(column);
                aggregates.add("COUNT(" + present + ")");
                if (countDistinct) {
                    aggregates.add("COUNT(DISTINCT " + present + ")");
                } else if (column.type() == ColumnType.DECIMAL) {
                    String quoted = sql.quote(column.name());
                    aggregates.add("COUNT(CASE WHEN " + quoted + " = 9e999 THEN 1 END)");
                    aggregates.add("COUNT(CASE WHEN " + quoted + " = -9e999 THEN 1 END)");
                }
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
                long distinct = -1;
                int infinities = 0;
                if (countDistinct) {
                    distinct = AggregateQuery.asLong(values[i++]);
                } else if (column.type() == ColumnType.DECIMAL) {
                    infinities += AggregateQuery.asLong(values[i++]) > 0 ? 1 : 0;
                    infinities += AggregateQuery.asLong(values[i++]) > 0 ? 1 : 0;
                }
                if (column.type().isNumeric()) {
                    long finite = AggregateQuery.asLong(values[i++]);
                    Double mean = AggregateQuery.asDouble(values[i++]);
                    Double min = AggregateQuery.asDouble(values[i++]);
                    Double max = AggregateQuery.asDouble(values[i++]);
                    counts.add(new ColumnCounts(column, rows, present, distinct, finite, mean, min, max, infinities));
                } else {
                    counts.add(new ColumnCounts(column, rows, present, distinct, 0, null, null, null, infinities));
                }
            }
        }
        return counts;
    }
}
