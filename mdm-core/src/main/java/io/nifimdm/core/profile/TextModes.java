package io.nifimdm.core.profile;

import io.nifimdm.core.backend.ColumnDef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link Mode} of a text column: one grouped query, ties broken by the smallest value in byte order; the number of
 * groups is the distinct count, which comes with it.
 */
final class TextModes {

    record Result(Mode mode, long distinct) {
    }

    private TextModes() {
    }

    static Result of(Connection connection, ProfileSql sql, ColumnDef column) throws SQLException {
        String value = sql.quote(column.name());
        String query = "SELECT " + value + ", COUNT(*) AS n, COUNT(*) OVER () AS groups FROM " + sql.table()
                + " WHERE " + value + " IS NOT NULL GROUP BY " + value + " ORDER BY n DESC, "
                + sql.binaryOrder(value) + " LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? new Result(new Mode(rows.getString(1), rows.getLong(2)), rows.getLong(3))
                    : new Result(null, 0);
        }
    }
}
