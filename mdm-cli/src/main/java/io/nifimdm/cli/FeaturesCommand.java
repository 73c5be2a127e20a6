package io.nifimdm.cli;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.features.DroppedFeature;
import io.nifimdm.core.features.FeatureGenerator;
import io.nifimdm.core.features.FeatureOptions;
import io.nifimdm.core.features.FeatureRequest;
import io.nifimdm.core.features.FeatureResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "features", sortOptions = false,
        header = "Generate feature tables: fit a plan on the training table and apply it to every table.",
        description = "Fits the feature families (MDM's statistical, categorical, temporal, text, missing-data and"
                + " interaction features) once on the fit table, filters low-signal features, stores the plan with the"
                + " dataset and builds <table>_features for every data table, as the GenerateFeatures processor"
                + " does. A stored plan is applied again as it is unless --refit.")
final class FeaturesCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--refit", description = "Fit the plan again even when one is stored.")
    boolean refit;

    @Option(names = "--fit-table", paramLabel = "TABLE", description = "Table to fit on (default: train, else data,"
            + " else the only data table).")
    String fitTable;

    @Option(names = "--tables", paramLabel = "TABLES", description = "Build feature tables only for these data tables"
            + " (comma-separated; default: all).")
    String tables;

    @Option(names = "--no-statistical", description = "Leave out the statistical family.")
    boolean noStatistical;
    @Option(names = "--no-categorical", description = "Leave out the categorical family.")
    boolean noCategorical;
    @Option(names = "--no-temporal", description = "Leave out the temporal family.")
    boolean noTemporal;
    @Option(names = "--no-text", description = "Leave out the text family.")
    boolean noText;
    @Option(names = "--no-missing-data", description = "Leave out the missing-data family.")
    boolean noMissingData;
    @Option(names = "--no-interactions", description = "Leave out the interaction family.")
    boolean noInteractions;

    @Option(names = "--squared", description = "Add x_squared for numeric columns.")
    boolean squared;
    @Option(names = "--quarter", description = "Add x_quarter for date columns.")
    boolean quarter;
    @Option(names = "--cyclical-day", description = "Add x_dayofweek_sin/cos for date columns.")
    boolean cyclicalDay;
    @Option(names = "--zscore-outliers", description = "Add x_is_outlier_zscore (|z| > 3) for numeric columns.")
    boolean zscoreOutliers;
    @Option(names = "--target-encoding", description = "Add x_target_mean for categorical columns (out-of-fold on"
            + " the fit table).")
    boolean targetEncoding;

    @Option(names = "--mdm-signal-filter", description = "Keep MDM 1.0.6's own filter only: drop null, constant and"
            + " zero-variance features (not the correlation and sparsity rules).")
    boolean mdmSignalFilter;

    @Option(names = "--show-dropped", description = "List the features the signal filter dropped, with reasons.")
    boolean showDropped;

    @Option(names = "--custom", paramLabel = "NAME=SQL", description = "A custom feature: an SQL expression over the"
            + " table's columns, evaluated by the engine; repeatable.")
    Map<String, String> custom = new LinkedHashMap<>();

    @Override
    public Integer call() {
        FeatureOptions options = FeatureOptions.defaults();
        if (mdmSignalFilter) {
            options = options.withMdmSignalFilter();
        }
        options = options.withFamilies(!noStatistical, !noCategorical, !noTemporal, !noText, !noMissingData,
                !noInteractions);
        options = options.withOptions(squared, quarter, cyclicalDay, zscoreOutliers, options.zscoreOutlierThreshold(),
                targetEncoding, options.targetEncodingFolds());
        if (!custom.isEmpty()) {
            options = options.withCustomFeatures(custom);
        }
        FeatureRequest request = new FeatureRequest(null, fitTable, CommaList.split(tables), refit, options);
        FeatureResult result;
        String datasetName;
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            datasetName = dataset.name();
            try (Progress progress = Progress.startRows(io(), "features")) {
                result = FeatureGenerator.standard().run(dataset, request,
                        (step, rowsDone, rowsTotal) -> progress.rows(rowsDone, rowsTotal));
            }
        }
        print(datasetName, result);
        return ExitCodes.OK;
    }

    private void print(String dataset, FeatureResult result) {
        TextTable built = new TextTable().column("Feature table", "table").column("Rows", "rows");
        result.rowsByTable().forEach((table, rows) -> built.row(table, rows));
        TextTable dropped = new TextTable().column("Dropped feature", "name").column("Reason", "reason");
        for (DroppedFeature feature : result.dropped()) {
            dropped.row(feature.name(), feature.reason());
        }
        switch (format()) {
            case JSON -> io().out().println(result.reportJson(dataset));
            case CSV -> built.printCsv(io().out());
            case TABLE -> {
                PrintStream out = io().out();
                if (result.pending()) {
                    out.println("Nothing to build yet in dataset '" + dataset + "': it has no fit table (train or"
                            + " data); register one, or name it with --fit-table");
                    return;
                }
                out.println((result.fitted() ? "Fitted a feature plan on " + result.fitTable() + " (version "
                        + result.planVersion() + ")" : "Applied the stored feature plan (fitted on "
                        + result.fitTable() + ")") + " of dataset '" + dataset + "': " + result.features().size()
                        + " features kept, " + result.dropped().size() + " dropped ("
                        + Numbers.seconds(result.durationMillis()) + ")");
                out.println();
                built.printHuman(out, "  ");
                if (!result.dropped().isEmpty() && showDropped) {
                    out.println();
                    dropped.printHuman(out, "  ");
                } else if (!result.dropped().isEmpty()) {
                    out.println();
                    out.println("  --show-dropped lists the " + result.dropped().size() + " dropped features with the"
                            + " reasons");
                }
            }
        }
    }
}
