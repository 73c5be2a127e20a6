package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.features.FeaturePlan.ColumnFit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text family of a table computed in Java ({@link TextFeatures}) next to the engine's SQL for the other families:
 * measured on the benchmark, the ~8 regular-expression passes the text counts need in SQL cost DuckDB several times
 * more than one Java pass over the text column, and Java's Unicode rules are the reference anyway. The pass reads only
 * the text columns with the row ordinal and bulk-loads the kept text features into a narrow staging table, which the
 * feature table's {@code CREATE TABLE AS SELECT} joins on the ordinal. DuckDB calls the same Java inside its query
 * instead ({@link DuckDbJavaFunctions}), which needs neither the staging table nor the join; this pass serves
 * PostgreSQL and DuckDB's text-family columns of other types.
 */
final class TextFeaturePass {

    static final String ORDINAL = "_mdm_o";

    private TextFeaturePass() {
    }

    /** The ordinal expression the SQL path numbers rows with (1-based, natural order). */
    static String ordinal(Backend backend) {
        return backend.kind() == BackendKind.DUCKDB ? "rowid + 1" : "row_number() OVER ()";
    }

    /**
     * PostgreSQL: a scan must start at the first page and run in one process, so two queries number rows alike
     * (synchronised scans start where another scan is; parallel scans interleave).
     */
    static void stableScans(Connection connection, Backend backend) throws SQLException {
        if (backend.kind() == BackendKind.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET synchronize_seqscans = off");
                statement.execute("SET max_parallel_workers_per_gather = 0");
            }
        }
    }

    /**
     * Writes the text features among {@code written} of the text columns present in the table whose features the
     * engine does not compute itself ({@link SqlFeatures#textInEngine}) into {@code staging}
     * ({@link #ORDINAL}, then {@code _t0, _t1, ...}); returns each feature's column there, empty when there are none.
     */
    static Map<String, String> write(Connection write, Connection read, Backend backend, String schema, String table,
                                     String staging, FeaturePlan plan, List<ColumnInfo> sourceColumns,
                                     List<FeatureColumn> written) throws Exception {
        List<String> wanted = written.stream().filter(f -> FeatureComputer.TEXT.equals(f.family()))
                .map(FeatureColumn::name).toList();
        List<String> textColumns = new ArrayList<>();
        List<ColumnType> textTypes = new ArrayList<>();
        List<int[]> picks = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        List<ColumnDef> definitions = new ArrayList<>(List.of(new ColumnDef(ORDINAL, ColumnType.INTEGER)));
        for (ColumnFit fit : plan.columns()) {
            if (!FeatureComputer.TEXT.equals(fit.family())) {
                continue;
            }
            ColumnInfo source = sourceColumns.stream().filter(c -> c.name().equals(fit.name())).findFirst()
                    .orElse(null);
            if (source == null || SqlFeatures.textInEngine(backend, source)) {
                continue;
            }
            for (int i = 0; i < TextFeatures.SUFFIXES.size(); i++) {
                String name = fit.name() + "_" + TextFeatures.SUFFIXES.get(i);
                if (wanted.contains(name) && !columns.containsKey(name)) {
                    String alias = "_t" + columns.size();
                    columns.put(name, alias);
                    definitions.add(new ColumnDef(alias, TextFeatures.TYPES.get(i)));
                    picks.add(new int[] {textColumns.size(), i});
                }
            }
            textColumns.add(fit.name());
            textTypes.add(source.storageType());
        }
        if (columns.isEmpty()) {
            return Map.of();
        }
        try (Statement statement = write.createStatement()) {
            statement.execute(backend.createTableSql(schema, staging, definitions));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(ordinal(backend));
        for (String column : textColumns) {
            sql.append(", ").append(backend.quote(column));
        }
        sql.append(" FROM ").append(backend.qualified(schema, table));
        int count = textColumns.size();
        Object[][] computed = new Object[count][TextFeatures.SUFFIXES.size()];
        boolean[] needed = new boolean[count];
        for (int[] pick : picks) {
            needed[pick[0]] = true;
        }
        stableScans(read, backend);
        try (RowSink sink = backend.openRowSink(write, schema, staging, definitions, 10_000)) {
            Object[] row = new Object[definitions.size()];
            SourceQueries.stream(read, backend, sql.toString(), rs -> {
                row[0] = rs.getLong(1);
                for (int c = 0; c < count; c++) {
                    if (needed[c]) {
                        Object value = backend.readValue(rs, c + 2, textTypes.get(c));
                        TextFeatures.compute(value == null ? null : FeatureComputer.categoryText(value), computed[c],
                                0);
                    }
                }
                for (int p = 0; p < picks.size(); p++) {
                    row[p + 1] = computed[picks.get(p)[0]][picks.get(p)[1]];
                }
                sink.add(row);
            });
            sink.finish();
        }
        return columns;
    }
}
