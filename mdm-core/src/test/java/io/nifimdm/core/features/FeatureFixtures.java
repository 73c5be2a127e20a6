package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.WriteMode;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registration through the real ingest path, and reading feature tables back as maps in row order. */
final class FeatureFixtures {

    private FeatureFixtures() {
    }

    static void register(DatasetStore store, String dataset, String table, String csv, String target) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        RegistrationRequest request = RegistrationRequest.of(dataset, table, RegistrationMode.CREATE);
        if (target != null) {
            request = request.withTarget(target);
        }
        DatasetRegistrar.standard(store).register(request,
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
    }

    static void replace(DatasetStore store, String dataset, String table, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        DatasetRegistrar.standard(store).register(RegistrationRequest.of(dataset, table, RegistrationMode.REPLACE),
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
    }

    /**
     * A dataset holding table {@code table} with exactly these typed columns and rows, written through the engine's
     * own row sink (no detection), for tests that need values the CSV path would not produce.
     */
    static Dataset typedTable(DatasetStore store, String dataset, String table, List<ColumnDef> defs,
                              List<Object[]> rows) throws Exception {
        register(store, dataset, "seed", "s\n1\n", null);
        Dataset opened = store.open(dataset);
        Backend backend = opened.backend();
        opened.write(WriteMode.APPEND, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(backend.createTableSql(opened.schema(), table, defs));
            }
            try (RowSink sink = backend.openRowSink(connection, opened.schema(), table, defs, 100)) {
                for (Object[] row : rows) {
                    sink.add(row);
                }
                sink.finish();
            }
            return null;
        });
        return opened;
    }

    /** Rows of a table as column name -> value (storage Java types), ordered by the row ordinal column. */
    static List<Map<String, Object>> rows(Dataset dataset, String table) throws Exception {
        Backend backend = dataset.backend();
        try (Connection connection = dataset.openReadConnection()) {
            List<ColumnInfo> columns = dataset.metadata().columns(connection, table);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM " + backend.qualified(dataset.schema(), table)
                         + " ORDER BY " + backend.quote(FeatureTableWriter.ROW_COLUMN))) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        ColumnInfo column = columns.get(i);
                        row.put(column.name(), backend.readValue(rs, rs.findColumn(column.name()),
                                column.storageType()));
                    }
                    rows.add(row);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return rows;
        }
    }

    static List<String> columnNames(Dataset dataset, String table) throws Exception {
        try (Connection connection = dataset.openReadConnection()) {
            return dataset.metadata().columns(connection, table).stream().map(ColumnInfo::name).toList();
        }
    }

    static FeaturePlan storedPlan(Dataset dataset) throws Exception {
        try (Connection connection = dataset.openReadConnection()) {
            return PlanCodec.fromJson(dataset.metadata().featurePlan(connection).orElseThrow());
        }
    }
}
