package io.nifimdm.cli;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.DatasetNames;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.features.FeatureGenerator;
import io.nifimdm.core.features.FeatureOptions;
import io.nifimdm.core.features.FeatureRequest;
import io.nifimdm.core.features.FeatureResult;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.register.RegistrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "register", sortOptions = false,
        header = "Register a file, or a Kaggle-style directory of files, as a dataset.",
        description = "Each file becomes a table named after it (train.csv -> train, dev.csv -> validation, sales.csv.gz -> sales), exactly as the RegisterDataset processor names a FlowFile's table. Types, dates, ID columns, the target (from a Kaggle sample_submission) and the problem type are detected; statistics are computed and stored with the dataset. A dataset this command creates is removed again if one of its files fails.")
final class RegisterCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name (normalised: lower-case, '-' to '_').")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "A data file, or a directory of data files.")
    Path path;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column a model predicts.")
    String target;

    @Option(names = "--id-columns", paramLabel = "COLUMNS",
            description = "Comma-separated ID columns, honoured exactly (default: detected by name).")
    String idColumns;

    @Option(names = "--problem-type", paramLabel = "TYPE", description = "binary_classification, "
            + "multiclass_classification, regression, time_series or clustering (default: inferred from the target).")
    String problemType;

    @Option(names = "--description", paramLabel = "TEXT", description = "Description of the dataset.")
    String description;

    @Option(names = "--tags", paramLabel = "TAGS", description = "Comma-separated tags.")
    String tags;

    @Option(names = "--force", description = "Replace tables that exist (each is rebuilt aside and swapped in).")
    boolean force;

    @Option(names = "--append", description = "Add the rows to tables that exist (created when missing).")
    boolean append;

    @Option(names = "--table", paramLabel = "TABLE", description = "Table name for a single file (default: from "
            + "the file name).")
    String table;

    @Option(names = "--categorical-columns", paramLabel = "COLUMNS", description = "Treat these columns as "
            + "categorical.")
    String categoricalColumns;

    @Option(names = "--datetime-columns", paramLabel = "COLUMNS", description = "Treat these columns as dates "
            + "(stored as timestamps).")
    String datetimeColumns;

    @Option(names = "--numeric-columns", paramLabel = "COLUMNS", description = "Treat these columns as numeric.")
    String numericColumns;

    @Option(names = "--text-columns", paramLabel = "COLUMNS", description = "Treat these columns as free text.")
    String textColumns;

    @Option(names = "--no-features", description = "Do not generate feature tables (run mdm features later).")
    boolean noFeatures;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "10000",
            description = "Rows sent to the database per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        if (force && append) {
            throw new CliException(ExitCodes.USAGE, "--force and --append exclude each other: replace the tables, or"
                    + " add rows to them");
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new CliException(ExitCodes.USAGE, "--batch-size must be between 1 and 1,000,000 (got " + batchSize
                    + ")");
        }
        String datasetName = DatasetNames.normalize(name);
        ProblemType problem = problemType == null || problemType.isBlank() ? null : ProblemType.parse(problemType);
        Map<String, SemanticType> overrides = overrides();
        SourceFiles.Selection selection = SourceFiles.select(path, table);
        RegistrationMode mode = force ? RegistrationMode.REPLACE : append ? RegistrationMode.APPEND
                : RegistrationMode.CREATE;
        StoreLocation location = location();

        List<Registered> registered = new ArrayList<>();
        boolean created;
        FeatureResult features = null;
        String featureProblem = null;
        try (DatasetStore store = location.open()) {
            boolean existed = store.exists(datasetName);
            if (existed && mode == RegistrationMode.CREATE) {
                throw CliException.failed("Dataset '" + datasetName + "' already exists in " + location.display()
                        + ": use --force to replace its tables or --append to add rows to them");
            }
            DatasetRegistrar registrar = DatasetRegistrar.standard(store);
            for (SourceFiles.SourceFile file : selection.files()) {
                RegistrationRequest request = new RegistrationRequest(name, file.table(), mode, blankToNull(target),
                        CommaList.split(idColumns), problem, overrides, description,
                        tags == null ? null : CommaList.split(tags), null, batchSize);
                try {
                    registered.add(new Registered(file.path(), register(registrar, request, file.path())));
                } catch (RuntimeException e) {
                    throw failure(store, datasetName, existed, file, registered, e);
                }
            }
            created = !existed;
            if (!noFeatures) {
                try {
                    features = generateFeatures(store, datasetName, registered);
                } catch (RuntimeException e) {
                    // as MDM: the registration stands; the features can be generated again once the cause is fixed
                    featureProblem = String.valueOf(e.getMessage());
                }
            }
        }
        print(location, datasetName, created, registered, selection.skipped(), features);
        if (featureProblem != null) {
            io().err().println("warning: dataset '" + datasetName + "' is registered, but its features were not"
                    + " generated: " + featureProblem.replaceAll("\\s*[\\r\\n]+\\s*", " ")
                    + " (once the cause is fixed, mdm features " + datasetName + " generates them)");
        }
        return ExitCodes.OK;
    }

    /**
     * MDM generates features as part of registration. A new fit table (train or data) refits the plan; other new
     * tables get the stored plan applied, as the GenerateFeatures processor does after each RegisterDataset.
     */
    private static FeatureResult generateFeatures(DatasetStore store, String datasetName, List<Registered> registered) {
        boolean fitTableChanged = registered.stream().map(r -> r.result().table())
                .anyMatch(table -> table.equals(FeatureRequest.DEFAULT_FIT_TABLE) || table.equals("data"));
        FeatureRequest request = new FeatureRequest(null, null, List.of(), fitTableChanged, FeatureOptions.defaults());
        return FeatureGenerator.standard().run(store.open(datasetName), request);
    }

    private RegistrationResult register(DatasetRegistrar registrar, RegistrationRequest request, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw CliException.failed("Cannot read " + file + ": " + e.getMessage());
        }
        try (Progress progress = Progress.start(io(), file.getFileName().toString(), size)) {
            ContentInput content = ContentInput.of(() -> progress.count(Files.newInputStream(file)), InputFormat.AUTO);
            return registrar.register(request, progress.count(content));
        }
    }

    /**
     * The error of one file, saying which; a dataset this run created is dropped again so a retry starts clean,
     * while an existing dataset keeps the tables already done (each table's load is atomic by itself).
     */
    private RuntimeException failure(DatasetStore store, String datasetName, boolean existed,
                                     SourceFiles.SourceFile file, List<Registered> done, RuntimeException error) {
        String reason = error.getMessage();
        String outcome;
        if (!existed) {
            try {
                if (store.exists(datasetName)) {
                    store.drop(datasetName);
                }
                outcome = "dataset '" + datasetName + "' was not created";
            } catch (MdmException dropFailed) {
                outcome = "dataset '" + datasetName + "' is left incomplete (" + dropFailed.getMessage() + ")";
            }
        } else if (done.isEmpty()) {
            outcome = "dataset '" + datasetName + "' is unchanged";
        } else {
            outcome = "tables " + String.join(", ", done.stream().map(r -> r.result().table()).toList())
                    + " were registered before it";
        }
        String message = "Registering " + file.path().getFileName() + " as table '" + file.table() + "' failed: "
                + reason + "; " + outcome;
        if (error instanceof CliException cli) {
            return new CliException(cli.exitCode(), message, error);
        }
        if (error instanceof io.nifimdm.core.TransientStoreException) {
            return new CliException(ExitCodes.STORE_UNAVAILABLE, message, error);
        }
        if (error instanceof MdmException || error instanceof IllegalArgumentException) {
            return new CliException(ExitCodes.FAILED, message, error);
        }
        return error;
    }

    private Map<String, SemanticType> overrides() {
        Map<String, SemanticType> overrides = new LinkedHashMap<>();
        put(overrides, categoricalColumns, SemanticType.CATEGORICAL);
        put(overrides, datetimeColumns, SemanticType.DATETIME);
        put(overrides, numericColumns, SemanticType.NUMERIC);
        put(overrides, textColumns, SemanticType.TEXT);
        return overrides;
    }

    private static void put(Map<String, SemanticType> overrides, String columns, SemanticType type) {
        for (String column : CommaList.split(columns)) {
            SemanticType previous = overrides.put(column, type);
            if (previous != null && previous != type) {
                throw CliException.failed("Column '" + column + "' is listed as both " + previous.id() + " and "
                        + type.id());
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void print(StoreLocation location, String datasetName, boolean created, List<Registered> registered,
                       List<Path> skipped, FeatureResult features) {
        RegistrationResult last = registered.getLast().result();
        TextTable tables = new TextTable()
                .column("Table", "table")
                .column("File", "file")
                .column("Rows added", "rows_added")
                .column("Rows", "table_rows")
                .column("Columns", "columns")
                .column("Widened", "widened_columns")
                .column("Time ms", "duration_ms");
        for (Registered r : registered) {
            RegistrationResult result = r.result();
            tables.row(result.table(), r.file().getFileName().toString(), result.rowsAdded(), result.tableRowCount(),
                    (long) result.columns().size(), result.widenedColumns(), result.durationMillis());
        }
        switch (format()) {
            case JSON -> {
                Map<String, Object> document = Json.object();
                document.put("dataset", datasetName);
                document.put("store", location.display());
                document.put("backend", location.kind().id());
                document.put("created", created);
                document.put("mode", registered.getFirst().result().mode());
                document.put("target_column", last.targetColumn());
                document.put("id_columns", last.idColumns());
                document.put("problem_type", last.problemType() == null ? null : last.problemType().id());
                document.put("tables", tables.records());
                document.put("skipped_files", skipped.stream().map(p -> p.getFileName().toString()).toList());
                if (features != null) {
                    Map<String, Object> generated = Json.object();
                    generated.put("pending", features.pending());
                    generated.put("fitted", features.fitted());
                    generated.put("fit_table", features.fitTable());
                    generated.put("feature_tables", features.rowsByTable());
                    generated.put("feature_count", features.features().size());
                    generated.put("dropped_count", features.dropped().size());
                    generated.put("duration_ms", features.durationMillis());
                    document.put("features", generated);
                } else {
                    document.put("features", null);
                }
                Json.print(io().out(), document);
            }
            case CSV -> tables.printCsv(io().out());
            case TABLE -> {
                var out = io().out();
                long rows = registered.stream().mapToLong(r -> r.result().rowsAdded()).sum();
                long millis = registered.stream().mapToLong(r -> r.result().durationMillis()).sum();
                out.println((created ? "Registered" : "Updated") + " dataset '" + datasetName + "' in "
                        + location.display() + ": " + Numbers.count(rows) + " rows in " + registered.size()
                        + (registered.size() == 1 ? " table" : " tables") + " (" + Numbers.seconds(millis) + ")");
                out.println();
                tables.printHuman(out, "  ");
                out.println();
                out.println("  Target:       " + (last.targetColumn() == null ? "(none)" : last.targetColumn()));
                out.println("  Problem type: " + (last.problemType() == null ? "(unknown)" : last.problemType().id()));
                out.println("  ID columns:   " + (last.idColumns().isEmpty() ? "(none)"
                        : String.join(", ", last.idColumns())));
                if (features != null && !features.pending()) {
                    out.println("  Features:     " + features.features().size() + " in "
                            + String.join(", ", features.featureTables()) + " ("
                            + Numbers.seconds(features.durationMillis()) + ")");
                } else if (features != null) {
                    out.println("  Features:     not yet (no train or data table to fit on)");
                }
                if (!skipped.isEmpty()) {
                    out.println("  Not loaded:   " + String.join(", ",
                            skipped.stream().map(p -> p.getFileName().toString()).toList()));
                }
            }
        }
    }

    private record Registered(Path file, RegistrationResult result) {
    }
}
