package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetNames;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.WriteMode;

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
    private final ColumnTyping typing;
    private final MetadataDetection detection;
    private final Clock clock;

    public DatasetRegistrar(DatasetStore store, ColumnTyping typing, DatasetRules rules, Clock clock) {
        this.store = store;
        this.typing = typing;
        this.detection = new MetadataDetection(rules);
        this.clock = clock;
    }

    /** A registrar with MDM's standard detection rules. */
    public static DatasetRegistrar standard(DatasetStore store) {
        return new DatasetRegistrar(store, StandardIngestRules.typing(), StandardIngestRules.rules(),
                Clock.systemUTC());
    }

    /**
     * Registers the content. Bad input fails with an {@link MdmException} whose message says what is wrong, and
     * leaves every table as it was; an unreachable engine fails with {@link io.nifimdm.core.TransientStoreException}.
     */
    public RegistrationResult register(RegistrationRequest request, TableInput input) {
        long started = System.nanoTime();
        String datasetName = DatasetNames.normalize(request.datasetName());
        String table = validateTableName(request.tableName());
        Map<String, ColumnType> forced = new HashMap<>();
        List<String> widened = new ArrayList<>();
        applyStorageOverrides(request, input, forced);

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
            RegistrationTransaction transaction = new RegistrationTransaction(dataset, typing, detection, clock,
                    request, table, input, Map.copyOf(forced), writeMode);
            try {
                RegistrationTransaction.Outcome outcome = dataset.write(writeMode, transaction::run);
                return new RegistrationResult(dataset.name(), table, store.backend().kind().id(), request.mode(),
                        outcome.rowsAdded(), outcome.tableRowCount(), outcome.columns(),
                        outcome.info().targetColumn(), outcome.info().idColumns(), outcome.info().problemType(),
                        outcome.duplicate(), created, List.copyOf(widened), store.transitUri(dataset.name(), table),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RegistrationTransaction.NeedsExclusiveLock needsLock) {
                writeMode = WriteMode.EXCLUSIVE;
            } catch (ColumnTooNarrowException narrow) {
                SemanticType override = request.typeOverrides().get(narrow.column());
                if (override == SemanticType.NUMERIC || override == SemanticType.DATETIME) {
                    throw new MdmException("Column '" + narrow.column() + "' is declared "
                            + override.id() + " but: " + narrow.getMessage(), narrow);
                }
                ColumnType current = forced.get(narrow.column());
                if (current == narrow.widerType() || attempt >= MAX_ATTEMPTS) {
                    throw narrow;
                }
                forced.put(narrow.column(), narrow.widerType());
                if (!widened.contains(narrow.column())) {
                    widened.add(narrow.column());
                }
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
    private void applyStorageOverrides(RegistrationRequest request, TableInput input, Map<String, ColumnType> forced) {
        Map<String, SemanticType> overrides = request.typeOverrides();
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
                return;
            }
            for (ColumnDef column : typing.infer(sample.columnNames(), sample.rows(), Map.of())) {
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
        } catch (IOException e) {
            throw new MdmException("Could not read the input: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MdmException("Could not read the input: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
