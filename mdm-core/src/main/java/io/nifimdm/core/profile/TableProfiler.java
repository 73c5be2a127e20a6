package io.nifimdm.core.profile;

import io.nifimdm.core.backend.AggregateQuery;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the {@link TableProfile} of a stored table with a handful of aggregate queries in its engine: one pass for
 * counts and means, one for shifted power sums, the percentiles, the correlations, a grouped query per text column
 * and a DISTINCT count for duplicates. Nothing but the aggregates comes back to the JVM.
 */
public final class TableProfiler {

    private TableProfiler() {
    }

    public static TableProfile profile(Connection connection, Backend backend, String schema, String table,
            List<ColumnDef> columns) throws SQLException {
        return profile(connection, backend, schema, table, columns, ProfileOptions.defaults());
    }

    /**
     * Profiles {@code schema.table}. When the connection is in auto-commit mode, the queries run in one read
     * transaction (repeatable read on PostgreSQL) so every figure sees the same rows; it is rolled back and the
     * connection restored afterwards.
     *
     * @param schema the dataset's schema on PostgreSQL, null on embedded engines
     * @param columns the table's columns with their storage types, in table order
     */
    public static TableProfile profile(Connection connection, Backend backend, String schema, String table,
            List<ColumnDef> columns, ProfileOptions options) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        if (autoCommit) {
            connection.setAutoCommit(false);
            if (backend.kind() == BackendKind.POSTGRESQL) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
        }
        try {
            return compute(connection, new ProfileSql(backend, schema, table), table, columns, options);
        } finally {
            if (autoCommit) {
                connection.rollback();
                if (isolation != connection.getTransactionIsolation()) {
                    connection.setTransactionIsolation(isolation);
                }
                connection.setAutoCommit(true);
            }
        }
    }

    private static TableProfile compute(Connection connection, ProfileSql sql, String table, List<ColumnDef> columns,
            ProfileOptions options) throws SQLException {
        List<ColumnCounts> counts = ColumnCounts.of(connection, sql, columns);
        long rows = counts.isEmpty() ? count(connection, sql) : counts.getFirst().rows();
        Map<String, PowerSums> sums = MomentSums.of(connection, sql, counts);
        Map<String, Long> distinctFinite = new HashMap<>();
        Map<String, Percentiles> percentiles = PercentileQuery.of(connection, sql, counts, distinctFinite);

        List<ColumnProfile> profiles = new ArrayList<>(columns.size());
        List<String> nearUnique = new ArrayList<>();
        long missing = 0;
        for (ColumnCounts column : counts) {
            String name = column.column().name();
            missing += rows - column.present();
            TextModes.Result mode = column.column().type() == ColumnType.TEXT && column.present() > 0
                    ? TextModes.of(connection, sql, column.column()) : null;
            long distinct = distinct(connection, sql, column, mode, distinctFinite.get(name));
            Double ratio = rows == 0 ? null : (double) distinct / rows;
            if (ratio != null && ratio > options.nearUniqueRatio()) {
                nearUnique.add(name);
            }
            NumericShape shape = null;
            if (column.numeric()) {
                PowerSums s = sums.get(name);
                shape = new NumericShape(column.finite(), percentiles.get(name),
                        s == null ? null : s.skewness(column.constant()),
                        s == null ? null : s.kurtosis(column.constant()));
            }
            profiles.add(new ColumnProfile(name, column.column().type(), column.present(), distinct, ratio,
                    shape, mode == null ? null : mode.mode()));
        }
        CorrelationMatrix correlations = Correlations.of(connection, sql, counts, sums, options);
        long duplicates = DuplicateRows.of(connection, sql, columns, rows);
        long cells = rows * columns.size();
        DataQuality quality = new DataQuality(cells, missing, cells == 0 ? 1.0 : (double) (cells - missing) / cells,
                duplicates, rows == 0 ? 0.0 : 100.0 * duplicates / rows, options.nearUniqueRatio(),
                List.copyOf(nearUnique));
        return new TableProfile(table, rows, profiles, correlations, quality);
    }

    /** The distinct count from the first pass, else (SQLite) from the sort that percentiles or the mode made. */
    private static long distinct(Connection connection, ProfileSql sql, ColumnCounts column, TextModes.Result mode,
            Long distinctFinite) throws SQLException {
        if (column.distinct() >= 0) {
            return column.distinct();
        }
        if (column.present() == 0) {
            return 0;
        }
        if (mode != null) {
            return mode.distinct();
        }
        if (distinctFinite != null) {
            return distinctFinite + column.infinities();
        }
        return DistinctCounts.of(connection, sql, column.column());
    }

    private static long count(Connection connection, ProfileSql sql) throws SQLException {
        return AggregateQuery.asLong(AggregateQuery.run(connection, List.of("COUNT(*)"), sql.table(), List.of())[0]);
    }
}
