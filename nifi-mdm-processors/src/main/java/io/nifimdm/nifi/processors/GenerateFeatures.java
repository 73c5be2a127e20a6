package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.features.CustomFeatureExpressions;
import io.nifimdm.core.features.FeatureGenerator;
import io.nifimdm.core.features.FeatureOptions;
import io.nifimdm.core.features.FeatureRequest;
import io.nifimdm.core.features.FeatureResult;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

@Tags({"mdm", "machine learning", "dataset", "features", "feature engineering", "sqlite", "duckdb", "postgresql"})
@CapabilityDescription("Generates MDM's feature families for the tables of an ML dataset: fits the statistics once on "
        + "the training table (means, deviations, quantiles, bins, percentile ranks, Box-Cox, vocabularies, missing "
        + "sets, correlated pairs), stores the fitted plan in the dataset, and materialises <table>_features for "
        + "every data table with the training statistics, so test rows never leak into the features. Low-signal "
        + "features are filtered on the training table. Dynamic properties add custom features as SQL expressions. "
        + "Order-independent: triggers for other tables before the training table are not errors.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SystemResourceConsideration(resource = SystemResource.CPU, description = "Reads every row of the fit table three "
        + "times (statistics, signal filter, features) and every other table once.")
@SeeAlso(classNames = {"io.nifimdm.nifi.processors.RegisterDataset"})
@DynamicProperty(name = "Feature column name", value = "SQL expression over the table's columns",
        description = "Adds a feature column with this name whose value is the SQL expression, evaluated by the "
                + "dataset's engine for each row (for example revenue = price * quantity). One expression: no "
                + "statements, subqueries or comments. A table lacking a column the expression names gets nulls; "
                + "on the fit table that is an error. Custom features pass the signal filter like generated ones.")
@ReadsAttributes({
        @ReadsAttribute(attribute = MdmAttributes.DATASET_NAME, description = "The default Dataset Name"),
        @ReadsAttribute(attribute = MdmAttributes.TABLE, description = "The default Table: the table just registered")
})
@WritesAttributes({
        @WritesAttribute(attribute = MdmAttributes.FEATURE_COUNT, description = "Generated feature columns each "
                + "feature table holds (after the signal filter)"),
        @WritesAttribute(attribute = MdmAttributes.FEATURE_DROPPED_COUNT, description = "Features the signal filter "
                + "removed"),
        @WritesAttribute(attribute = MdmAttributes.FEATURE_TABLES, description = "Feature tables built by this run, "
                + "comma-separated"),
        @WritesAttribute(attribute = MdmAttributes.FEATURE_FIT_TABLE, description = "The table the plan was fitted on"),
        @WritesAttribute(attribute = MdmAttributes.FEATURE_FITTED, description = "true when this run fitted a new "
                + "plan, false when it applied the stored one"),
        @WritesAttribute(attribute = MdmAttributes.FEATURES_PENDING, description = "true when nothing could be built "
                + "yet: the table is not the fit table and no plan or fit table exists (the fit table's arrival "
                + "builds it)"),
        @WritesAttribute(attribute = MdmAttributes.DURATION_MS, description = "Time the run took"),
        @WritesAttribute(attribute = "mime.type", description = "application/json when the content is the report"),
        @WritesAttribute(attribute = MdmAttributes.ERROR_MESSAGE, description = "Why the FlowFile went to failure")
})
public class GenerateFeatures extends AbstractProcessor {

    static final PropertyDescriptor DATASET_STORE = MdmProperties.DATASET_STORE;

    static final PropertyDescriptor DATASET_NAME = MdmProperties.datasetName("Dataset whose features to generate.");

    static final PropertyDescriptor TABLE = new PropertyDescriptor.Builder()
            .name("Table")
            .description("The table that triggered this run (usually the one just registered). The fit table: fit "
                    + "the plan again and rebuild every table's features. Another table: apply the stored plan to "
                    + "it only; without a plan, fit first when the fit table exists, else route to success with "
                    + MdmAttributes.FEATURES_PENDING + "=true. Empty: fit when there is no plan (or Refit is "
                    + "true) and build every table.")
            .required(false)
            .defaultValue("${" + MdmAttributes.TABLE + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(Validator.VALID)
            .build();

    static final PropertyDescriptor FIT_TABLE = new PropertyDescriptor.Builder()
            .name("Fit Table")
            .description("The table the statistics are fitted on. When it does not exist: 'data', then the only "
                    + "data table.")
            .required(true)
            .defaultValue(FeatureRequest.DEFAULT_FIT_TABLE)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor TABLES = new PropertyDescriptor.Builder()
            .name("Tables")
            .description("Comma-separated data tables to build feature tables for. Empty: all data tables.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor REFIT = bool("Refit", false, "Fit the plan again on every run instead of reusing "
            + "the stored plan. Needed after changing feature properties, since a stored plan keeps the settings it "
            + "was fitted with.");

    static final PropertyDescriptor STATISTICAL = bool("Statistical Features", true, "NUMERIC columns: x_log, "
            + "x_zscore, x_percentile, x_is_outlier (IQR), x_bin_equal, x_bin_quantile, x_sqrt, x_boxcox, x_div_mean.");
    static final PropertyDescriptor CATEGORICAL = bool("Categorical Features", true, "CATEGORICAL and BINARY "
            + "columns: x_frequency, x_frequency_ratio, one-hot x_<value>, x_is_rare, x_nunique_chars.");
    static final PropertyDescriptor TEMPORAL = bool("Temporal Features", true, "DATETIME columns: year, month, day, "
            + "dayofweek, hour, weekend and month start/end flags, month and hour sin/cos, days since the fitted "
            + "start.");
    static final PropertyDescriptor TEXT = bool("Text Features", true, "TEXT columns: length, word and character "
            + "counts, case flags, unique words, URLs, e-mails, hashtags, mentions.");
    static final PropertyDescriptor MISSING_DATA = bool("Missing Data Features", true, "Over columns with a missing "
            + "ratio between the bounds: x_is_missing, total_missing_count, missing_ratio, max_consecutive_missing, "
            + "missing_pattern_id, missing_together_a_b.");
    static final PropertyDescriptor INTERACTIONS = bool("Interaction Features", true, "Numeric pairs correlated "
            + "within the bounds: a_plus_b, a_minus_b, a_times_b, a_div_b (0 where b is 0).");

    static final PropertyDescriptor BINS = integer("Bins", 10, 2, 1000, "Bins of x_bin_equal and x_bin_quantile.");
    static final PropertyDescriptor BIN_MIN_DISTINCT = integer("Bin Minimum Distinct Values", 10, 0, Integer.MAX_VALUE,
            "Bins only for columns with more distinct values than this.");
    static final PropertyDescriptor MAX_ONE_HOT = integer("Max One-Hot Cardinality", 50, 0, 10_000,
            "One-hot columns only for categorical columns with at most this many distinct values.");
    static final PropertyDescriptor RARE_THRESHOLD = ratio("Rare Category Threshold", "0.01",
            "x_is_rare is true for values whose count is below this share of the fit table's rows.");
    static final PropertyDescriptor MISSING_MIN = ratio("Missing Ratio Minimum", "0.01",
            "Columns missing in at least this share of rows join the missing-data set.");
    static final PropertyDescriptor MISSING_MAX = ratio("Missing Ratio Maximum", "0.95",
            "Columns missing in more than this share of rows stay out of the missing-data set.");
    static final PropertyDescriptor MAX_PAIRS = integer("Max Interaction Pairs", 20, 0, 1000,
            "At most this many interaction pairs, strongest correlation first.");
    static final PropertyDescriptor PAIR_MIN_CORRELATION = ratio("Interaction Minimum Correlation", "0.1",
            "Pairs need |Pearson r| of at least this.");
    static final PropertyDescriptor PAIR_MAX_CORRELATION = ratio("Interaction Maximum Correlation", "0.95",
            "Pairs need |Pearson r| below this.");

    static final PropertyDescriptor SQUARED = bool("Squared Features", false, "Option: x_squared for NUMERIC columns.");
    static final PropertyDescriptor QUARTER = bool("Quarter Feature", false, "Option: x_quarter for DATETIME columns.");
    static final PropertyDescriptor CYCLICAL_DAY = bool("Cyclical Day Features", false, "Option: x_dayofweek_sin and "
            + "x_dayofweek_cos (2 pi day / 7) for DATETIME columns.");
    static final PropertyDescriptor ZSCORE_OUTLIERS = bool("Z-Score Outliers", false, "Option: x_is_outlier_zscore, "
            + "true where |z| exceeds the threshold.");
    static final PropertyDescriptor ZSCORE_THRESHOLD = new PropertyDescriptor.Builder()
            .name("Z-Score Outlier Threshold")
            .description("|z| above which x_is_outlier_zscore is true.")
            .required(true)
            .defaultValue("3")
            .addValidator(StandardValidators.NUMBER_VALIDATOR)
            .dependsOn(ZSCORE_OUTLIERS, "true")
            .build();
    static final PropertyDescriptor TARGET_ENCODING = bool("Target Encoding", false, "Option: x_target_mean for "
            + "categorical columns when the target is numeric or boolean. On the fit table each row gets the mean "
            + "of the other folds (out-of-fold, so the target does not leak); other tables get the fit table's mean; "
            + "unseen categories get the overall mean.");
    static final PropertyDescriptor TARGET_FOLDS = new PropertyDescriptor.Builder()
            .name("Target Encoding Folds")
            .description("Folds of the out-of-fold encoding; rows are assigned to folds by a hash of their values, so the assignment does not depend on row order.")
            .required(true)
            .defaultValue("5")
            .addValidator(StandardValidators.createLongValidator(2, 100, true))
            .dependsOn(TARGET_ENCODING, "true")
            .build();

    static final PropertyDescriptor DROP_ALL_NULL = bool("Drop All-Null Features", true, "Signal filter: drop "
            + "features that are null on every fit-table row.");
    static final PropertyDescriptor DROP_CONSTANT = bool("Drop Constant Features", true, "Signal filter: drop "
            + "features with a single distinct value (or standard deviation 0) on the fit table.");
    static final PropertyDescriptor MIN_VARIANCE = new PropertyDescriptor.Builder()
            .name("Minimum Variance")
            .description("Signal filter: drop numeric features whose variance on the fit table is at most this. "
                    + "0 disables it beyond the constant rule.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.NUMBER_VALIDATOR)
            .build();
    static final PropertyDescriptor MAX_CORRELATION = ratio("Maximum Feature Correlation", "0.95", "Signal filter: "
            + "of two features with |r| above this (measured on an evenly spaced sample of up to 10,000 fit-table "
            + "rows), drop the later one. 1 disables it.");
    static final PropertyDescriptor MIN_NON_ZERO = ratio("Minimum Non-Zero Ratio", "0.01", "Signal filter: drop "
            + "features whose share of non-zero, non-null values on the fit table is below this. 0 disables it.");

    static final PropertyDescriptor CONTENT = new PropertyDescriptor.Builder()
            .name("Output Content")
            .description("What the outgoing FlowFile holds.")
            .required(true)
            .allowableValues(FeatureContentValue.class)
            .defaultValue(FeatureContentValue.PASS_THROUGH)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Features built (or pending until the fit table arrives: mdm.features.pending=true)")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The dataset, a table or a setting is not valid (see mdm.error.message); feature tables "
                    + "built before are left as they were. Transient database errors roll the FlowFile back to the "
                    + "queue instead.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DATASET_STORE, DATASET_NAME, TABLE, FIT_TABLE,
            TABLES, REFIT, STATISTICAL, CATEGORICAL, TEMPORAL, TEXT, MISSING_DATA, INTERACTIONS, BINS,
            BIN_MIN_DISTINCT, MAX_ONE_HOT, RARE_THRESHOLD, MISSING_MIN, MISSING_MAX, MAX_PAIRS, PAIR_MIN_CORRELATION,
            PAIR_MAX_CORRELATION, SQUARED, QUARTER, CYCLICAL_DAY, ZSCORE_OUTLIERS, ZSCORE_THRESHOLD, TARGET_ENCODING,
            TARGET_FOLDS, DROP_ALL_NULL, DROP_CONSTANT, MIN_VARIANCE, MAX_CORRELATION, MIN_NON_ZERO, CONTENT);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private static final Validator CUSTOM_FEATURE_VALIDATOR = (subject, input, context) -> {
        Optional<String> problem = CustomFeatureExpressions.validateName(subject)
                .or(() -> CustomFeatureExpressions.validate(input));
        return new ValidationResult.Builder().subject(subject).input(input).valid(problem.isEmpty())
                .explanation(problem.orElse("a valid SQL expression")).build();
    };

    private static PropertyDescriptor bool(String name, boolean defaultValue, String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .allowableValues("true", "false")
                .defaultValue(Boolean.toString(defaultValue))
                .build();
    }

    private static PropertyDescriptor integer(String name, int defaultValue, int min, int max, String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .defaultValue(Integer.toString(defaultValue))
                .addValidator(StandardValidators.createLongValidator(min, max, true))
                .build();
    }

    private static PropertyDescriptor ratio(String name, String defaultValue, String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description + " Between 0 and 1.")
                .required(true)
                .defaultValue(defaultValue)
                .addValidator((subject, input, context) -> {
                    boolean valid;
                    try {
                        double value = Double.parseDouble(input);
                        valid = value >= 0 && value <= 1;
                    } catch (NumberFormatException | NullPointerException e) {
                        valid = false;
                    }
                    return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                            .explanation("must be a number between 0 and 1").build();
                })
                .build();
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("Custom feature column '" + propertyDescriptorName + "': an SQL expression over the "
                        + "table's columns")
                .required(false)
                .dynamic(true)
                .addValidator(CUSTOM_FEATURE_VALIDATOR)
                .build();
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public void onTrigger(ProcessContext context, ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        DatasetStore store = MdmProperties.datasetStore(context);
        FeatureResult result;
        Dataset dataset;
        try {
            dataset = store.open(MdmProperties.datasetName(context, DATASET_NAME, flowFile));
            result = FeatureGenerator.standard().run(dataset, request(context, flowFile));
        } catch (TransientStoreException e) {
            getLogger().warn("Dataset store unavailable; {} goes back to the queue", flowFile, e);
            session.rollback(true);
            context.yield();
            return;
        } catch (MdmException | IllegalArgumentException e) {
            getLogger().error("Could not generate features for {}: {}", flowFile, e.getMessage(), e);
            flowFile = session.putAttribute(flowFile, MdmAttributes.ERROR_MESSAGE, String.valueOf(e.getMessage()));
            session.transfer(session.penalize(flowFile), REL_FAILURE);
            return;
        }

        flowFile = session.putAllAttributes(flowFile, attributes(result));
        if (context.getProperty(CONTENT).asAllowableValue(FeatureContentValue.class)
                == FeatureContentValue.FEATURE_REPORT) {
            byte[] report = result.reportJson(dataset.name()).getBytes(StandardCharsets.UTF_8);
            flowFile = session.write(flowFile, out -> out.write(report));
            flowFile = session.putAttribute(flowFile, CoreAttributes.MIME_TYPE.key(), "application/json");
        }
        if (!result.pending()) {
            long rows = result.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
            session.adjustCounter("Feature rows written", rows, false);
            session.getProvenanceReporter().invokeRemoteProcess(flowFile,
                    store.transitUri(dataset.name(), String.join(",", result.featureTables())), details(dataset,
                            result));
        }
        session.transfer(flowFile, REL_SUCCESS);
    }

    private static FeatureRequest request(ProcessContext context, FlowFile flowFile) {
        Map<String, String> custom = new TreeMap<>();
        for (Map.Entry<PropertyDescriptor, String> entry : context.getProperties().entrySet()) {
            if (entry.getKey().isDynamic() && entry.getValue() != null) {
                custom.put(entry.getKey().getName(), entry.getValue());
            }
        }
        // properties whose dependency is off are not shown on the canvas, so they are not read either
        boolean zscoreOutliers = flag(context, ZSCORE_OUTLIERS);
        boolean targetEncoding = flag(context, TARGET_ENCODING);
        FeatureOptions options = FeatureOptions.defaults()
                .withFamilies(flag(context, STATISTICAL), flag(context, CATEGORICAL), flag(context, TEMPORAL),
                        flag(context, TEXT), flag(context, MISSING_DATA), flag(context, INTERACTIONS))
                .withParameters(context.getProperty(BINS).asInteger(), context.getProperty(BIN_MIN_DISTINCT).asInteger(),
                        context.getProperty(MAX_ONE_HOT).asInteger(), number(context, RARE_THRESHOLD),
                        number(context, MISSING_MIN), number(context, MISSING_MAX),
                        context.getProperty(MAX_PAIRS).asInteger(), number(context, PAIR_MIN_CORRELATION),
                        number(context, PAIR_MAX_CORRELATION))
                .withOptions(flag(context, SQUARED), flag(context, QUARTER), flag(context, CYCLICAL_DAY),
                        zscoreOutliers, zscoreOutliers ? number(context, ZSCORE_THRESHOLD) : 3.0,
                        targetEncoding, targetEncoding ? context.getProperty(TARGET_FOLDS).asInteger() : 5)
                .withSignalFilter(flag(context, DROP_ALL_NULL), flag(context, DROP_CONSTANT),
                        number(context, MIN_VARIANCE), number(context, MAX_CORRELATION), number(context, MIN_NON_ZERO))
                .withCustomFeatures(new LinkedHashMap<>(custom));
        String tables = context.getProperty(TABLES).evaluateAttributeExpressions(flowFile).getValue();
        return new FeatureRequest(
                context.getProperty(TABLE).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(FIT_TABLE).evaluateAttributeExpressions(flowFile).getValue(),
                tables == null ? List.of() : ListProperty.split(tables),
                flag(context, REFIT),
                options);
    }

    private static boolean flag(ProcessContext context, PropertyDescriptor property) {
        return Boolean.parseBoolean(context.getProperty(property).getValue());
    }

    private static double number(ProcessContext context, PropertyDescriptor property) {
        return Double.parseDouble(context.getProperty(property).getValue());
    }

    private static Map<String, String> attributes(FeatureResult result) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(MdmAttributes.FEATURE_COUNT, Integer.toString(result.features().size()));
        attributes.put(MdmAttributes.FEATURE_DROPPED_COUNT, Integer.toString(result.dropped().size()));
        attributes.put(MdmAttributes.FEATURE_TABLES, String.join(",", result.featureTables()));
        attributes.put(MdmAttributes.FEATURE_FIT_TABLE, result.fitTable() == null ? "" : result.fitTable());
        attributes.put(MdmAttributes.FEATURE_FITTED, Boolean.toString(result.fitted()));
        attributes.put(MdmAttributes.FEATURES_PENDING, Boolean.toString(result.pending()));
        attributes.put(MdmAttributes.DURATION_MS, Long.toString(result.durationMillis()));
        return attributes;
    }

    private static String details(Dataset dataset, FeatureResult result) {
        StringBuilder details = new StringBuilder(result.fitted() ? "fitted feature plan v" + result.planVersion()
                + " on " + result.fitTable() : "applied stored feature plan of " + result.fitTable());
        details.append(" of dataset ").append(dataset.name()).append(": ").append(result.features().size())
                .append(" features kept, ").append(result.dropped().size()).append(" dropped; built ");
        boolean first = true;
        for (Map.Entry<String, Long> table : result.rowsByTable().entrySet()) {
            details.append(first ? "" : ", ").append(table.getKey()).append(" (")
                    .append(String.format(Locale.ROOT, "%,d", table.getValue())).append(" rows)");
            first = false;
        }
        if (first) {
            details.append("no tables");
        }
        return details.toString();
    }
}
