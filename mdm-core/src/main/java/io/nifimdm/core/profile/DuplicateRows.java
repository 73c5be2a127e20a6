package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.ColumnDef;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** Rows equal in every column to an earlier row: rows minus distinct rows (DISTINCT takes nulls as equal). */
final class DuplicateRows {

    private DuplicateRows() {
    }

    static long of(Connection connection, ProfileSql sql, List<ColumnDef> columns, long rows) throws SQLException {
        if (rows == 0 || columns.isEmpty()) {
            return 0;
        }
        String list = columns.stream().map(c -> sql.quote(c.name())).collect(Collectors.joining(", "));
        Object[] distinct = AggregateQuery.run(connection, List.of("COUNT(*)"),
                "(SELECT DISTINCT " + list + " FROM " + sql.table() + ") distinct_rows", List.of());
        return rows - AggregateQuery.asLong(distinct[0]);
    }
}
