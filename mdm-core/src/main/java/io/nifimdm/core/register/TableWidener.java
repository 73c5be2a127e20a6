package io.nifimdm.core.register;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives existing columns of a table wider types (and adds new nullable columns), keeping every value. Works the
 * same on every engine by rebuilding the table inside the caller's transaction, because SQLite cannot alter a
 * column's type and the other engines rewrite the table for it anyway.
 */
final class TableWidener {

    private TableWidener() {
    }

    /**
     * @param current the table's columns now, in order
     * @param wanted  the same columns in the same order with equal or wider types, followed by any new columns
     */
    static void widen(Connection connection, Backend backend, String schema, String table, List<ColumnDef> current,
                      List<ColumnDef> wanted) throws SQLException {
        String staging = "_mdm_widen_" + table;
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            ColumnDef target = wanted.get(i);
            if (i < current.size()) {
                selects.add(castExpression(backend, backend.quote(current.get(i).name()), current.get(i).type(),
                        target.type()));
            } else {
                selects.add("CAST(NULL AS " + backend.sqlType(target.type()) + ")");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(backend.createTableSql(schema, staging, wanted));
            statement.execute("INSERT INTO " + backend.qualified(schema, staging) + " SELECT " + String.join(", ",
                    selects) + " FROM " + backend.qualified(schema, table));
            statement.execute("DROP TABLE " + backend.qualified(schema, table));
            statement.execute("ALTER TABLE " + backend.qualified(schema, staging) + " RENAME TO "
                    + backend.quote(table));
        }
    }

    private static String castExpression(Backend backend, String column, ColumnType from, ColumnType to) {
        if (from == to) {
            return column;
        }
        if (from == ColumnType.BOOLEAN && to == ColumnType.TEXT) {
            return "CASE WHEN " + column + " IS NULL THEN NULL WHEN " + column + " THEN 'true' ELSE 'false' END";
        }
        if (backend.kind() == BackendKind.SQLITE && to == ColumnType.TEXT) {
            // SQLite keeps dates and timestamps as ISO text already; numbers need an explicit cast.
            return "CAST(" + column + " AS TEXT)";
        }
        return "CAST(" + column + " AS " + backend.sqlType(to) + ")";
    }
}
