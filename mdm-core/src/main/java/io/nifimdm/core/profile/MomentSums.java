package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass per chunk of numeric columns computing {@link PowerSums} shifted by each column's mean. */
final class MomentSums {

    private static final int COLUMNS_PER_STATEMENT = 100;

    private MomentSums() {
    }

    /** Power sums of the numeric columns with at least one finite value, by column name. */
    static Map<String, PowerSums> of(Connection connection, ProfileSql sql, List<ColumnCounts> counts)
            throws SQLException {
        List<ColumnCounts> numeric = counts.stream().filter(c -> c.numeric() && c.finite() > 0 && c.mean() != null).toList();
        Map<String, PowerSums> sums = new LinkedHashMap<>();
        for (List<ColumnCounts> chunk : AggregateQuery.chunks(numeric, COLUMNS_PER_STATEMENT)) {
            List<String> aggregates = new ArrayList<>();
            List<Double> shifts = new ArrayList<>();
            List<String> deviations = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                String d = "d" + i;
                deviations.add(sql.finite(chunk.get(i).column()) + " - " + sql.doubleParameter() + " AS " + d);
                shifts.add(chunk.get(i).mean());
                aggregates.add("SUM(" + d + ")");
                aggregates.add("SUM(" + d + " * " + d + ")");
                aggregates.add("SUM(" + d + " * " + d + " * " + d + ")");
                aggregates.add("SUM(" + d + " * " + d + " * " + d + " * " + d + ")");
            }
            String from = "(SELECT " + String.join(", ", deviations) + " FROM " + sql.table() + ") deviations";
            Object[] values = AggregateQuery.run(connection, aggregates, from, shifts);
            for (int i = 0; i < chunk.size(); i++) {
                ColumnCounts column = chunk.get(i);
                sums.put(column.column().name(), new PowerSums(column.finite(), column.mean(),
                        value(values[4 * i]), value(values[4 * i + 1]), value(values[4 * i + 2]),
                        value(values[4 * i + 3])));
            }
        }
        return sums;
    }

    private static double value(Object sum) {
        return sum == null ? 0.0 : ((Number) sum).doubleValue();
    }
}
