package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetNames;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.WriteMode;
import io.nifimdm.core.ingest.CharsetMismatchException;
import io.nifimdm.core.ingest.InferenceOptions;
import io.nifimdm.core.ingest.IngestColumn;
import io.nifimdm.core.ingest.InvalidInputException;
import io.nifimdm.core.ingest.TypeInference;
import io.nifimdm.core.ingest.UnexpectedColumnException;
import io.nifimdm.core.ingest.ValueTypeMismatchException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers tabular content as a table of a dataset: detects types and meaning, loads through the engine's bulk
 * path, computes statistics and updates the dataset's metadata, all in one transaction per attempt (spec 2, issue
 * 3). Thread-safe; concurrent registrations into one dataset are safe.
 */
public final class DatasetRegistrar {

    private static final int MAX_ATTEMPTS = 64;

    private final DatasetStore store;
    private final MetadataDetection detection = new MetadataDetection();
    private final Clock clock;

    public DatasetRegistrar(DatasetStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static DatasetRegistrar standard(DatasetStore store) {
        return new DatasetRegistrar(store, Clock.systemUTC());
    }

    /**
     * Registers the content. Bad input fails with an {@link MdmException} whose message says what is wrong, and
     * leaves every table as it was; an unreachable engine fails with {@link io.nifimdm.core.TransientStoreException}.
     */
    public RegistrationResult register(RegistrationRequest request, TableInput input) {
        long started = System.nanoTime();
        String datasetName = DatasetNames.normalize(request.datasetName());
        String table = validateTableName(request.tableName());
        List<String> widened = new ArrayList<>();
        TableInput content = input;
        Map<String, ColumnType> declared;
        while (true) {
            try {
                declared = storageOverrides(request, content);
                break;
            } catch (UnexpectedColumnException | CharsetMismatchException retryable) {
                content = content.adjustedFor(retryable);
            }
        }
        InferenceOptions inference = InferenceOptions.defaults().withForcedTypes(declared);

        boolean created = false;
        Dataset dataset;
        if (store.exists(datasetName)) {
            dataset = store.open(datasetName);
        } else {
            try {
                dataset = store.create(datasetName, request.datasetName().trim());
                created = true;
            } catch (MdmException raced) {
                if (!store.exists(datasetName)) {
                    throw raced;
                }
                dataset = store.open(datasetName);
            }
        }

        WriteMode writeMode = request.mode() == RegistrationMode.APPEND ? WriteMode.APPEND : WriteMode.EXCLUSIVE;
        for (int attempt = 1; ; attempt++) {
            RegistrationTransaction transaction = new RegistrationTransaction(dataset, detection, clock, request,
                    table, content, inference, writeMode);
            try {
                RegistrationTransaction.Outcome outcome = dataset.write(writeMode, transaction::run);
                return new RegistrationResult(dataset.name(), table, store.backend().kind().id(), request.mode(),
                        outcome.rowsAdded(), outcome.tableRowCount(), outcome.columns(),
                        outcome.info().targetColumn(), outcome.info().idColumns(), outcome.info().problemType(),
                        outcome.duplicate(), created, List.copyOf(widened), store.transitUri(dataset.name(), table),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RegistrationTransaction.NeedsExclusiveLock needsLock) {
                writeMode = WriteMode.EXCLUSIVE;
            } catch (WidenColumnsException widen) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw widen;
                }
                inference = inference.withForcedTypes(widen.widened());
                widen.widened().keySet().stream().filter(c -> !widened.contains(c)).forEach(widened::add);
            } catch (ValueTypeMismatchException mismatch) {
                SemanticType type = request.typeOverrides().get(mismatch.column());
                throw new InvalidInputException("Column '" + mismatch.column() + "' is declared "
                        + (type == null ? mismatch.currentType().name().toLowerCase(java.util.Locale.ROOT) : type.id())
                        + " but " + mismatch.getMessage(), mismatch);
            } catch (UnexpectedColumnException | CharsetMismatchException retryable) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw retryable;
                }
                content = content.adjustedFor(retryable);
            } catch (UncheckedIOException e) {
                throw new MdmException("Could not read the input: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static String validateTableName(String requested) {
        String table = DatasetNames.normalizeTable(requested);
        if (table.startsWith("_mdm_")) {
            throw new MdmException("Table name '" + requested + "' is reserved: names starting with _mdm_ hold the"
                    + " dataset's own metadata");
        }
        if (table.endsWith("_features")) {
            throw new MdmException("Table name '" + requested + "' is reserved: names ending with _features hold"
                    + " generated features");
        }
        return table;
    }

    /**
     * Turns the declared column types into forced storage types, reading the input's head once so that bad input
     * (empty, header only, clashing column names) fails before any dataset or table is touched.
     */
    private static Map<String, ColumnType> storageOverrides(RegistrationRequest request, TableInput input) {
        Map<String, SemanticType> overrides = request.typeOverrides();
        Map<String, ColumnType> forced = new HashMap<>();
        try (TableReader reader = input.open()) {
            InputSample sample = InputSample.read(reader);
            for (String column : overrides.keySet()) {
                if (!sample.columnNames().contains(column)) {
                    throw new MdmException("Column type override names column '" + column
                            + "', which is not in the input (columns: " + String.join(", ", sample.columnNames())
                            + ")");
                }
            }
            if (overrides.isEmpty()) {
                return forced;
            }
            for (IngestColumn column : TypeInference.infer(sample.columnNames(), sample.rows(),
                    InferenceOptions.defaults())) {
                SemanticType override = overrides.get(column.name());
                if (override == null) {
                    continue;
                }
                switch (override) {
                    case TEXT -> forced.put(column.name(), ColumnType.TEXT);
                    case NUMERIC -> {
                        if (!column.type().isNumeric()) {
                            forced.put(column.name(), ColumnType.DECIMAL);
                        }
                    }
                    case DATETIME -> {
                        if (!column.type().isTemporal()) {
                            forced.put(column.name(), ColumnType.TIMESTAMP);
                        }
                    }
                    default -> {
                        // categorical and the others change the meaning only, not the storage type
                    }
                }
            }
            return forced;
        } catch (IOException e) {
            throw new MdmException("Could not read the input: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MdmException("Could not read the input: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
