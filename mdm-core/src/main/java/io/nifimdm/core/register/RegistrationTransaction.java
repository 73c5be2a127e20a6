package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.IngestRecord;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.dataset.WriteMode;
import io.nifimdm.core.ingest.InferenceOptions;
import io.nifimdm.core.ingest.ProblemTypeInference;
import io.nifimdm.core.ingest.IngestColumn;
import io.nifimdm.core.ingest.RowConverter;
import io.nifimdm.core.ingest.TypeInference;
import io.nifimdm.core.ingest.ValueTypeMismatchException;
import io.nifimdm.core.stats.StatisticsCalculator;
import io.nifimdm.core.stats.TableStatistics;
import io.nifimdm.core.stats.TableStatisticsAccumulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt at a registration, inside one dataset transaction: data rows, statistics, metadata and the ingest-log
 * row commit together or not at all.
 */
final class RegistrationTransaction {

    /** An append found it must create or widen the table: that DDL needs the dataset to itself. */
    static final class NeedsExclusiveLock extends MdmException {
        NeedsExclusiveLock(String reason) {
            super(reason);
        }
    }

    record Outcome(boolean duplicate, long rowsAdded, long tableRowCount, List<ColumnDef> columns, DatasetInfo info) {
    }

    private static final String REPLACE_STAGING_PREFIX = "_mdm_staging_";
    /**
     * Values per batch in flight between threads; a few batches wait at a time, so this bounds the heap used. Small
     * enough (a few hundred KB of rows) that a batch is still in cache when the next stage takes it, and that the
     * rows in flight, which every young collection must copy, stay few: at 250,000 values young collections of a
     * 1M-row load copied tens of MB each and took seconds in all.
     */
    private static final int PIPELINE_BATCH_CELLS = 32_768;

    private final Dataset dataset;
    private final Backend backend;
    private final String schema;
    private final DatasetMetadata metadata;
    private final MetadataDetection detection;
    private final Clock clock;
    private final RegistrationRequest request;
    private final String table;
    private final TableInput input;
    private final InferenceOptions inference;
    private final WriteMode writeMode;

    RegistrationTransaction(Dataset dataset, MetadataDetection detection, Clock clock, RegistrationRequest request,
                            String table, TableInput input, InferenceOptions inference, WriteMode writeMode) {
        this.dataset = dataset;
        this.backend = dataset.backend();
        this.schema = dataset.schema();
        this.metadata = dataset.metadata();
        this.detection = detection;
        this.clock = clock;
        this.request = request;
        this.table = table;
        this.input = input;
        this.inference = inference;
        this.writeMode = writeMode;
    }

    Outcome run(Connection connection) throws Exception {
        if (request.ingestId() != null && metadata.isIngested(connection, request.ingestId())) {
            long rows = metadata.table(connection, table).map(TableInfo::rowCount).orElse(0L);
            return new Outcome(true, 0, rows, columnDefs(metadata.columns(connection, table)),
                    metadata.readInfo(connection));
        }
        Optional<TableInfo> existing = metadata.table(connection, table);
        if (existing.isPresent() && existing.get().kind() != TableKind.DATA) {
            throw new MdmException("Table '" + table + "' of dataset '" + dataset.name()
                    + "' holds generated features and cannot be registered into");
        }
        RegistrationMode mode = request.mode();
        if (mode == RegistrationMode.CREATE && existing.isPresent()) {
            throw new MdmException("Table '" + table + "' already exists in dataset '" + dataset.name()
                    + "'; set Registration Mode to Replace or Append to change it");
        }
        boolean appendToExisting = mode == RegistrationMode.APPEND && existing.isPresent();
        if (mode == RegistrationMode.APPEND && existing.isEmpty() && writeMode == WriteMode.APPEND) {
            throw new NeedsExclusiveLock("table '" + table + "' must be created");
        }

        LoadedTable loaded;
        try (TableReader reader = input.open()) {
            InputSample sample = InputSample.read(reader);
            List<IngestColumn> inferred = TypeInference.infer(sample.columnNames(), sample.rows(), inference);
            loaded = appendToExisting
                    ? appendRows(connection, reader, sample, inferred)
                    : writeNewTable(connection, reader, sample, inferred, existing.isPresent());
        }

        if (appendToExisting && backend.kind() == BackendKind.POSTGRESQL) {
            // Appends load concurrently; their metadata updates take turns so counts and statistics stay exact.
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "mdm-metadata:" + schema + ":" + table);
                lock.execute();
            }
        }
        Instant now = clock.instant();
        TableStatistics statistics = appendToExisting
                ? StatisticsCalculator.ofTable(connection, backend, schema, table, loaded.defs())
                : loaded.statistics();
        long tableRows = appendToExisting
                ? metadata.table(connection, table).map(TableInfo::rowCount).orElse(0L) + loaded.rowsAdded()
                : loaded.rowsAdded();
        Instant createdAt = existing.map(TableInfo::createdAt).orElse(now);
        metadata.putTable(connection, new TableInfo(table, TableKind.DATA, tableRows, loaded.columns().size(), null,
                createdAt, now));
        metadata.putStatistics(connection, table, statistics.toJsonByColumn());
        DatasetInfo info = detection.apply(connection, dataset, request, table, loaded.columns(),
                loaded.typedSample(), appendToExisting ? metadata.columns(connection, table) : List.of(), now);
        if (request.ingestId() != null) {
            metadata.logIngest(connection, new IngestRecord(request.ingestId(), table,
                    mode.name().toLowerCase(Locale.ROOT), loaded.rowsAdded(), now));
        }
        return new Outcome(false, loaded.rowsAdded(), tableRows, loaded.defs(), info);
    }

    /**
     * @param columns     the table's columns afterwards, with what the input's sample showed of each
     * @param typedSample the input's first rows, converted, in table column order
     */
    private record LoadedTable(List<IngestColumn> columns, long rowsAdded, TableStatistics statistics,
                               List<Object[]> typedSample) {

        List<ColumnDef> defs() {
            return columns.stream().map(IngestColumn::def).toList();
        }
    }

    private LoadedTable writeNewTable(Connection connection, TableReader reader, InputSample sample,
                                      List<IngestColumn> inferred, boolean replacing) throws Exception {
        List<ColumnDef> columns = inferred.stream().map(IngestColumn::def).toList();
        String loadTable = replacing ? REPLACE_STAGING_PREFIX + table : table;
        try (Statement statement = connection.createStatement()) {
            if (replacing) {
                statement.execute("DROP TABLE IF EXISTS " + backend.qualified(schema, loadTable));
            }
            statement.execute(backend.createTableSql(schema, loadTable, columns));
        }
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(columns);
        List<Object[]> typedSample = new ArrayList<>();
        long rows = load(connection, reader, sample, inferred, columns, null, loadTable, row -> {
            accumulator.add(row);
            if (typedSample.size() < ProblemTypeInference.SAMPLE_SIZE) {
                typedSample.add(row);
            }
        });
        if (replacing) {
            // Readers keep seeing the old table until this transaction commits, then see the new one whole.
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + backend.qualified(schema, table));
                statement.execute("ALTER TABLE " + backend.qualified(schema, loadTable) + " RENAME TO "
                        + backend.quote(table));
            }
        }
        return new LoadedTable(inferred, rows, accumulator.finish(), typedSample);
    }

    private LoadedTable appendRows(Connection connection, TableReader reader, InputSample sample,
                                   List<IngestColumn> inferred) throws Exception {
        List<ColumnDef> current = columnDefs(metadata.columns(connection, table));
        Map<String, Integer> positionByName = new HashMap<>();
        for (int i = 0; i < current.size(); i++) {
            positionByName.put(current.get(i).name().toLowerCase(Locale.ROOT), i);
        }
        List<ColumnDef> wanted = new ArrayList<>(current);
        int[] tablePosition = new int[inferred.size()];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < inferred.size(); i++) {
            IngestColumn column = inferred.get(i);
            Integer position = positionByName.get(column.name().toLowerCase(Locale.ROOT));
            if (position == null) {
                unknown.add(column.name());
                continue;
            }
            tablePosition[i] = position;
            ColumnType widened = StorageTypes.wider(current.get(position).type(), column.type());
            wanted.set(position, new ColumnDef(current.get(position).name(), widened));
        }
        if (!unknown.isEmpty()) {
            throw new MdmException("Column(s) " + unknown + " are not in table '" + table + "' of dataset '"
                    + dataset.name() + "'; Append needs the table's columns (missing ones are filled with nulls)");
        }
        if (!wanted.equals(current)) {
            if (writeMode == WriteMode.APPEND) {
                throw new NeedsExclusiveLock("columns of table '" + table + "' must be widened");
            }
            TableWidener.widen(connection, backend, schema, table, current, wanted);
        }
        List<IngestColumn> conversion = new ArrayList<>(inferred.size());
        IngestColumn[] described = new IngestColumn[wanted.size()];
        for (int i = 0; i < inferred.size(); i++) {
            IngestColumn column = inferred.get(i);
            ColumnType type = wanted.get(tablePosition[i]).type();
            IngestColumn converted = new IngestColumn(column.name(), type, column.dateLayout(), column.forced(),
                    column.sampleNonNull(), column.sampleDistinct());
            conversion.add(converted);
            described[tablePosition[i]] = new IngestColumn(wanted.get(tablePosition[i]).name(), type,
                    column.dateLayout(), column.forced(), column.sampleNonNull(), column.sampleDistinct());
        }
        for (int i = 0; i < described.length; i++) {
            if (described[i] == null) {
                described[i] = IngestColumn.of(wanted.get(i));
            }
        }
        List<Object[]> typedSample = new ArrayList<>();
        long rows = load(connection, reader, sample, conversion, wanted, tablePosition, table, row -> {
            if (typedSample.size() < ProblemTypeInference.SAMPLE_SIZE) {
                typedSample.add(row);
            }
        });
        return new LoadedTable(List.of(described), rows, null, typedSample);
    }

    /**
     * Streams the sample and then the rest of the reader, converted to {@code conversion}'s types, into
     * {@code loadTable}, whose columns are {@code tableColumns}; {@code tablePosition} maps input columns to
     * table columns (null: same order).
     */
    private long load(Connection connection, TableReader reader, InputSample sample, List<IngestColumn> conversion,
                      List<ColumnDef> tableColumns, int[] tablePosition, String loadTable,
                      java.util.function.Consumer<Object[]> onRow) throws SQLException {
        RowConverter converter = new RowConverter(conversion);
        Iterator<Object[]> head = sample.rows().iterator();
        long[] rowNumber = {0};
        PipelinedLoader.RowProducer producer = () -> {
            Object[] raw = head.hasNext() ? head.next() : (sample.exhausted() ? null : reader.next());
            if (raw == null) {
                return null;
            }
            rowNumber[0]++;
            if (raw.length != conversion.size()) {
                throw new MdmException("Row " + rowNumber[0] + " has " + raw.length + " values but the header has "
                        + conversion.size() + " columns");
            }
            Object[] typed;
            try {
                typed = converter.convert(raw);
            } catch (ValueTypeMismatchException mismatch) {
                if (mismatch.forced()) {
                    throw mismatch;
                }
                // Check the rest of the content now, so one more attempt loads everything.
                Map<String, ColumnType> widened = converter.widenToFit(raw, () -> {
                    try {
                        return head.hasNext() ? head.next() : (sample.exhausted() ? null : reader.next());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                throw new WidenColumnsException(widened, mismatch);
            }
            if (tablePosition == null) {
                return typed;
            }
            Object[] arranged = new Object[tableColumns.size()];
            for (int i = 0; i < typed.length; i++) {
                arranged[tablePosition[i]] = typed[i];
            }
            return arranged;
        };
        try (RowSink sink = backend.openRowSink(connection, schema, loadTable, tableColumns, request.batchSize())) {
            return PipelinedLoader.load(producer, sink, pipelineBatchRows(tableColumns.size()), onRow);
        }
    }

    /** Rows per batch between the pipeline's stages: the configured batch, fewer for wide tables. */
    private int pipelineBatchRows(int columns) {
        return Math.max(1, Math.min(request.batchSize(), PIPELINE_BATCH_CELLS / Math.max(1, columns)));
    }

    static List<ColumnDef> columnDefs(List<ColumnInfo> columns) {
        List<ColumnDef> defs = new ArrayList<>(columns.size());
        for (ColumnInfo column : columns) {
            defs.add(new ColumnDef(column.name(), column.storageType()));
        }
        return defs;
    }
}
