package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.PostgresBinaryCopyRowSink;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.dataset.WriteMode;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Materialises {@code <table>_features}: the source columns, the plan's kept features, and {@link #ROW_COLUMN}, the
 * row's 1-based ordinal in the source's natural order. With {@code inEngine} (DuckDB, see {@link FeatureGenerator})
 * the engine computes the features in one {@code CREATE TABLE AS SELECT} compiled from the plan
 * ({@link EngineFeatureBuild}); otherwise (SQLite, PostgreSQL, target encoding) one streamed Java pass reads the source
 * on a read connection and writes through the engine's bulk-load path. Either way the result is a staging table, which replaces
 * the old feature table in the same transaction, so readers see the old table or the new one whole, and a failure
 * leaves the old one as it was.
 */
final class FeatureTableWriter {

    static final String ROW_COLUMN = "_mdm_row";
    static final String SUFFIX = "_features";
    private static final int BATCH_SIZE = 10_000;

    @FunctionalInterface
    interface InTransaction {
        void run(Connection connection) throws Exception;
    }

    private FeatureTableWriter() {
    }

    static String featureTableName(String table) {
        return table + SUFFIX;
    }

    /**
     * Builds the feature table of {@code table}; {@code alsoInTransaction} runs first in the same transaction. With
     * {@code inEngine} the engine computes the features ({@link SqlFeatures}) when it can, otherwise the streamed Java
     * pass does.
     */
    static long build(Dataset dataset, FeaturePlan plan, String table, Instant now, InTransaction alsoInTransaction,
                      boolean inEngine) {
        Backend backend = dataset.backend();
        String schema = dataset.schema();
        DatasetMetadata metadata = dataset.metadata();
        String featureTable = featureTableName(table);
        backend.quote(featureTable);
        return dataset.write(WriteMode.EXCLUSIVE, connection -> {
            if (alsoInTransaction != null) {
                alsoInTransaction.run(connection);
            }
            List<ColumnInfo> sourceColumns = metadata.columns(connection, table);
            boolean fitTable = table.equals(plan.fitTable());
            try (Connection read = dataset.openReadConnection()) {
                TableSource source = new TableSource(read, backend, schema, table, sourceColumns, plan.custom());
                FeatureComputer computer = new FeatureComputer(plan, source.sourceIndex(), source.customIndex(),
                        fitTable);
                List<FeatureColumn> candidates = computer.columns();
                Map<String, Integer> candidateIndex = new HashMap<>();
                for (int i = 0; i < candidates.size(); i++) {
                    candidateIndex.putIfAbsent(candidates.get(i).name(), i);
                }
                Set<String> taken = new HashSet<>();
                for (ColumnInfo column : sourceColumns) {
                    taken.add(column.name().toLowerCase(Locale.ROOT));
                }
                List<FeatureColumn> written = new ArrayList<>();
                List<Integer> writtenIndex = new ArrayList<>();
                for (String name : plan.features()) {
                    Integer index = candidateIndex.get(name);
                    // a kept feature whose name this table already uses for a source column is left out here
                    if (index != null && taken.add(name.toLowerCase(Locale.ROOT))) {
                        written.add(candidates.get(index));
                        writtenIndex.add(index);
                    }
                }
                List<ColumnDef> definitions = new ArrayList<>();
                for (ColumnInfo column : sourceColumns) {
                    definitions.add(new ColumnDef(column.name(), column.storageType()));
                }
                for (FeatureColumn feature : written) {
                    definitions.add(new ColumnDef(feature.name(), feature.type()));
                }
                definitions.add(new ColumnDef(ROW_COLUMN, ColumnType.INTEGER));

                String staging = "_mdm_build_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                long rows;
                if (inEngine && SqlFeatures.supports(backend, plan, sourceColumns)) {
                    rows = EngineFeatureBuild.build(connection, read, backend, schema, table, staging, plan, sourceColumns,
                            source.customIndex().keySet(), written);
                } else {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(backend.createTableSql(schema, staging, definitions));
                    }
                    try (RowSink sink = openSink(connection, backend, schema, staging, definitions)) {
                        int[] picks = writtenIndex.stream().mapToInt(Integer::intValue).toArray();
                        BitSet needed = new BitSet(candidates.size());
                        for (int pick : picks) {
                            needed.set(pick);
                        }
                        rows = RowPipeline.run(source, read, () -> featureRow(new FeatureComputer(plan,
                                source.sourceIndex(), source.customIndex(), fitTable, needed), sourceColumns.size(),
                                picks), sink::add);
                        sink.finish();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + backend.qualified(schema, featureTable));
                    statement.execute("ALTER TABLE " + backend.qualified(schema, staging) + " RENAME TO "
                            + backend.quote(featureTable));
                }
                Instant created = metadata.table(connection, featureTable).map(TableInfo::createdAt).orElse(now);
                metadata.putTable(connection, new TableInfo(featureTable, TableKind.FEATURES, rows,
                        definitions.size(), table, created, now));
                List<ColumnInfo> infos = new ArrayList<>();
                int position = 0;
                for (ColumnInfo column : sourceColumns) {
                    infos.add(new ColumnInfo(featureTable, column.name(), position++, column.storageType(),
                            column.semanticType(), column.role()));
                }
                for (FeatureColumn feature : written) {
                    infos.add(new ColumnInfo(featureTable, feature.name(), position++, feature.type(),
                            semanticTypeOf(feature.type()), ColumnRole.FEATURE));
                }
                infos.add(new ColumnInfo(featureTable, ROW_COLUMN, position, ColumnType.INTEGER, SemanticType.ID,
                        ColumnRole.ID));
                metadata.putColumns(connection, featureTable, infos);
                return rows;
            }
        });
    }

    /**
     * A worker's transform of a source row into its feature table row: the source values, the {@code picks} of the
     * candidate features and the 1-based ordinal.
     */
    private static RowPipeline.RowTransform featureRow(FeatureComputer computer, int sourceWidth, int[] picks) {
        Object[] features = new Object[computer.columns().size()];
        return (row, ordinal) -> {
            computer.compute(row, ordinal, features);
            Object[] out = new Object[sourceWidth + picks.length + 1];
            System.arraycopy(row, 0, out, 0, sourceWidth);
            for (int i = 0; i < picks.length; i++) {
                out[sourceWidth + i] = features[picks[i]];
            }
            out[out.length - 1] = ordinal + 1;
            return out;
        };
    }

    /**
     * The engine's bulk path; on PostgreSQL its binary COPY, because a feature table is mostly doubles, which the text
     * format makes both sides format and parse.
     */
    private static RowSink openSink(Connection connection, Backend backend, String schema, String table,
                                    List<ColumnDef> definitions) throws java.sql.SQLException {
        return backend.kind() == BackendKind.POSTGRESQL
                ? PostgresBinaryCopyRowSink.open(connection, schema, table, definitions)
                : backend.openRowSink(connection, schema, table, definitions, BATCH_SIZE);
    }

    private static SemanticType semanticTypeOf(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> SemanticType.BINARY;
            case TEXT -> SemanticType.TEXT;
            case DATE, TIMESTAMP -> SemanticType.DATETIME;
            default -> SemanticType.NUMERIC;
        };
    }
}
