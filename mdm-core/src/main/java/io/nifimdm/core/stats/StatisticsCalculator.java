package io.nifimdm.core.stats;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * Statistics of a table already in the database, for when the rows did not pass through the
 * caller (append mode, where statistics must cover the whole table). Streams the table through
 * one {@link TableStatisticsAccumulator}, so memory stays bounded whatever the table's size.
 */
public final class StatisticsCalculator {

    /** Rows per round trip; PostgreSQL holds only this many rows of the cursor in the client. */
    static final int FETCH_SIZE = 10_000;

    private StatisticsCalculator() {
    }

    /** {@link #ofTable(Connection, Backend, String, String, List, StatisticsOptions)} with default options. */
    public static TableStatistics ofTable(Connection connection, Backend backend, String schema, String table,
            List<ColumnDef> columns) throws SQLException {
        return ofTable(connection, backend, schema, table, columns, StatisticsOptions.defaults());
    }

    /**
     * Reads every row of {@code schema.table} (the given columns, in that order) and returns their
     * statistics. Runs inside the caller's transaction when auto-commit is off, so uncommitted rows
     * of that transaction are included. When auto-commit is on, it is switched off for the read
     * (PostgreSQL streams through a cursor only inside a transaction) and restored afterwards.
     *
     * @param schema the dataset's schema on PostgreSQL, null on embedded engines
     * @param columns the table's columns with their storage types; values are converted with
     *        {@link Backend#readValue}
     */
    public static TableStatistics ofTable(Connection connection, Backend backend, String schema, String table,
            List<ColumnDef> columns, StatisticsOptions options) throws SQLException {
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(columns, options);
        String sql = selectSql(backend, schema, table, columns);
        boolean autoCommit = connection.getAutoCommit();
        boolean switchedAutoCommit = autoCommit && backend.kind() == BackendKind.POSTGRESQL;
        if (switchedAutoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery(sql)) {
                    int width = columns.size();
                    Object[] row = new Object[width];
                    while (rows.next()) {
                        for (int i = 0; i < width; i++) {
                            row[i] = backend.readValue(rows.getObject(i + 1), columns.get(i).type());
                        }
                        accumulator.add(row);
                    }
                }
            }
        } finally {
            if (switchedAutoCommit) {
                try {
                    connection.rollback(); // read only: nothing to keep, just end the cursor's transaction
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
        return accumulator.finish();
    }

    private static String selectSql(Backend backend, String schema, String table, List<ColumnDef> columns) {
        if (columns.isEmpty()) {
            return "SELECT 1 FROM " + backend.qualified(schema, table);
        }
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + backend.qualified(schema, table));
        for (ColumnDef column : columns) {
            select.add(backend.quote(column.name()));
        }
        return select.toString();
    }
}
