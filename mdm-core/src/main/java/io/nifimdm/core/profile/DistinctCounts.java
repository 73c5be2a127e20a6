package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.ColumnDef;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Distinct present values of a column by one grouped query: SQLite's fallback where no other sort gave the count. */
final class DistinctCounts {

    private DistinctCounts() {
    }

    static long of(Connection connection, ProfileSql sql, ColumnDef column) throws SQLException {
        String present = sql.present(column);
        Object[] count = AggregateQuery.run(connection, List.of("COUNT(*)"), "(SELECT " + present + " AS v FROM "
                + sql.table() + " WHERE " + present + " IS NOT NULL GROUP BY " + present + ") groups", List.of());
        return AggregateQuery.asLong(count[0]);
    }
}
