package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.register.RegistrationResult;
import io.nifimdm.core.ingest.TableNames;
import io.nifimdm.core.register.TableInput;
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
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@Tags({"mdm", "machine learning", "dataset", "register", "csv", "json", "parquet", "sqlite", "duckdb", "postgresql"})
@CapabilityDescription("Registers the tabular content of each FlowFile as a table of an ML dataset: detects storage "
        + "types, dates, ID columns, target and problem type, loads the rows through the engine's bulk path, computes "
        + "column statistics and records everything in the dataset's own metadata, all in one transaction. A replayed "
        + "FlowFile is recognised and not loaded twice.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SystemResourceConsideration(resource = SystemResource.CPU, description = "Parses and converts every value; loads "
        + "in a second thread beside the parse.")
@SeeAlso(classNames = {"io.nifimdm.nifi.services.SQLiteDatasetStore", "io.nifimdm.nifi.services.DuckDBDatasetStore",
        "io.nifimdm.nifi.services.PostgreSQLDatasetStore"})
@ReadsAttributes({
        @ReadsAttribute(attribute = "filename", description = "The default Table Name is derived from it (train.csv "
                + "gives train, dev.csv gives validation)"),
        @ReadsAttribute(attribute = MdmAttributes.DATASET_NAME, description = "The default Dataset Name")
})
@WritesAttributes({
        @WritesAttribute(attribute = MdmAttributes.DATASET_NAME, description = "Normalised dataset name"),
        @WritesAttribute(attribute = MdmAttributes.TABLE, description = "Table the content was registered as"),
        @WritesAttribute(attribute = MdmAttributes.BACKEND, description = "sqlite, duckdb or postgresql"),
        @WritesAttribute(attribute = MdmAttributes.REGISTRATION_MODE, description = "create, replace or append"),
        @WritesAttribute(attribute = MdmAttributes.ROW_COUNT, description = "Rows this FlowFile added (0 for a "
                + "duplicate)"),
        @WritesAttribute(attribute = MdmAttributes.TABLE_ROW_COUNT, description = "Rows in the table afterwards"),
        @WritesAttribute(attribute = MdmAttributes.COLUMN_COUNT, description = "Columns of the table"),
        @WritesAttribute(attribute = MdmAttributes.TARGET_COLUMN, description = "The dataset's target column, if "
                + "known"),
        @WritesAttribute(attribute = MdmAttributes.ID_COLUMNS, description = "The dataset's ID columns, "
                + "comma-separated"),
        @WritesAttribute(attribute = MdmAttributes.PROBLEM_TYPE, description = "The dataset's problem type, if known"),
        @WritesAttribute(attribute = MdmAttributes.DURATION_MS, description = "Time the registration took"),
        @WritesAttribute(attribute = MdmAttributes.DUPLICATE, description = "true when this FlowFile had been "
                + "registered before and nothing was loaded"),
        @WritesAttribute(attribute = MdmAttributes.DATASET_CREATED, description = "true when this FlowFile created "
                + "the dataset"),
        @WritesAttribute(attribute = MdmAttributes.WIDENED_COLUMNS, description = "Columns whose type was widened "
                + "after the sample guessed too narrow"),
        @WritesAttribute(attribute = MdmAttributes.TRANSIT_URI, description = "Where the table lives (no "
                + "credentials)"),
        @WritesAttribute(attribute = MdmAttributes.ERROR_MESSAGE, description = "Why the FlowFile went to failure")
})
public class RegisterDataset extends AbstractProcessor {

    static final PropertyDescriptor DATASET_STORE = MdmProperties.DATASET_STORE;

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the content through any NiFi Record Reader (CSV, JSON, Avro, Parquet, Excel...). When "
                    + "not set, the built-in fast reader is used: CSV/TSV with delimiter, header and encoding "
                    + "detection, gzip and zip content, JSON and JSON Lines, Parquet (see Input Format).")
            .required(false)
            .identifiesControllerService(RecordReaderFactory.class)
            .build();

    static final PropertyDescriptor INPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Input Format")
            .description("Format of the content for the built-in reader (ignored when a Record Reader is set).")
            .required(true)
            .allowableValues(InputFormatValue.class)
            .defaultValue(InputFormatValue.AUTO)
            .build();

    static final PropertyDescriptor DATASET_NAME = MdmProperties.datasetName("Dataset to register into; created when"
            + " it does not exist. Normalised as MDM does: lower-case, '-' becomes '_', letters, digits and '_' only,"
            + " at most 100 characters.");

    static final PropertyDescriptor TABLE_NAME = new PropertyDescriptor.Builder()
            .name("Table Name")
            .description("Table to register the content as. When empty, derived from the filename attribute with "
                    + "MDM's Kaggle aliases: train/training -> train, test/testing -> test, validation/val/dev -> "
                    + "validation, sample_submission; another valid file stem as it is; otherwise 'data'.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor REGISTRATION_MODE = new PropertyDescriptor.Builder()
            .name("Registration Mode")
            .description("What happens when the table already exists.")
            .required(true)
            .allowableValues(RegistrationModeValue.class)
            .defaultValue(RegistrationModeValue.CREATE)
            .build();

    static final PropertyDescriptor TARGET_COLUMN = new PropertyDescriptor.Builder()
            .name("Target Column")
            .description("The column a model predicts. When empty, the dataset's target is kept, or detected from a "
                    + "Kaggle sample_submission table (its last non-ID column).")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ID_COLUMNS = new PropertyDescriptor.Builder()
            .name("ID Columns")
            .description("Comma-separated identifier columns, honoured exactly. When empty, columns named like "
                    + "identifiers (id, index, key, ..._id) are detected.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PROBLEM_TYPE = new PropertyDescriptor.Builder()
            .name("Problem Type")
            .description("The ML problem. Detect infers it from the target's values (MDM's rules).")
            .required(true)
            .allowableValues(ProblemTypeValue.class)
            .defaultValue(ProblemTypeValue.DETECT)
            .build();

    static final PropertyDescriptor CATEGORICAL_COLUMNS = typeOverride("Categorical Columns", "categorical");
    static final PropertyDescriptor DATETIME_COLUMNS = typeOverride("Datetime Columns",
            "datetime (stored as timestamps; a value that does not parse sends the FlowFile to failure)");
    static final PropertyDescriptor NUMERIC_COLUMNS = typeOverride("Numeric Columns",
            "numeric (a value that is not a number sends the FlowFile to failure)");
    static final PropertyDescriptor TEXT_COLUMNS = typeOverride("Text Columns", "free text (stored as text)");

    static final PropertyDescriptor DESCRIPTION = new PropertyDescriptor.Builder()
            .name("Description")
            .description("Description of the dataset; when empty, the dataset's description is kept.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor TAGS = new PropertyDescriptor.Builder()
            .name("Tags")
            .description("Comma-separated tags of the dataset, replacing its tags; when empty, they are kept.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Batch Size")
            .description("Rows sent to the database per batch. Memory use is about four batches of rows (five on"
                    + " SQLite, which inserts one batch while the next fills).")
            .required(true)
            .defaultValue("10000")
            .addValidator(StandardValidators.createLongValidator(1, 1_000_000, true))
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Registered (or recognised as already registered: mdm.duplicate=true)")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The content or the settings are not valid (see mdm.error.message); the dataset is as it "
                    + "was. Transient database errors roll the FlowFile back to the queue instead.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DATASET_STORE, RECORD_READER, INPUT_FORMAT,
            DATASET_NAME, TABLE_NAME, REGISTRATION_MODE, TARGET_COLUMN, ID_COLUMNS, PROBLEM_TYPE, CATEGORICAL_COLUMNS,
            DATETIME_COLUMNS, NUMERIC_COLUMNS, TEXT_COLUMNS, DESCRIPTION, TAGS, BATCH_SIZE);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private static PropertyDescriptor typeOverride(String name, String meaning) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description("Comma-separated columns to treat as " + meaning + ", whatever detection says. "
                        + "Honoured in every table.")
                .required(false)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
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
        RegistrationResult result;
        try {
            RegistrationRequest request = request(context, flowFile);
            result = DatasetRegistrar.standard(store).register(request, input(context, session,
                    flowFile));
        } catch (TransientStoreException e) {
            getLogger().warn("Dataset store unavailable; {} goes back to the queue", flowFile, e);
            session.rollback(true);
            context.yield();
            return;
        } catch (MdmException | IllegalArgumentException e) {
            getLogger().error("Could not register {}: {}", flowFile, e.getMessage(), e);
            flowFile = session.putAttribute(flowFile, MdmAttributes.ERROR_MESSAGE, String.valueOf(e.getMessage()));
            session.transfer(session.penalize(flowFile), REL_FAILURE);
            return;
        }

        flowFile = session.putAllAttributes(flowFile, attributes(result));
        if (!result.duplicate()) {
            session.adjustCounter("Rows registered", result.rowsAdded(), false);
            session.adjustCounter("Bytes registered", flowFile.getSize(), false);
            session.getProvenanceReporter().send(flowFile, result.transitUri(), details(result),
                    result.durationMillis());
        } else {
            session.adjustCounter("Duplicate FlowFiles skipped", 1, false);
        }
        session.transfer(flowFile, REL_SUCCESS);
    }

    private RegistrationRequest request(ProcessContext context, FlowFile flowFile) {
        String dataset = MdmProperties.datasetName(context, DATASET_NAME, flowFile);
        String table = context.getProperty(TABLE_NAME).evaluateAttributeExpressions(flowFile).getValue();
        if (table == null || table.isBlank()) {
            table = TableNames.fromFileName(flowFile.getAttribute(CoreAttributes.FILENAME.key()));
        }
        ProblemTypeValue problem = context.getProperty(PROBLEM_TYPE).asAllowableValue(ProblemTypeValue.class);
        Map<String, SemanticType> overrides = new LinkedHashMap<>();
        putOverrides(overrides, context, flowFile, CATEGORICAL_COLUMNS, SemanticType.CATEGORICAL);
        putOverrides(overrides, context, flowFile, DATETIME_COLUMNS, SemanticType.DATETIME);
        putOverrides(overrides, context, flowFile, NUMERIC_COLUMNS, SemanticType.NUMERIC);
        putOverrides(overrides, context, flowFile, TEXT_COLUMNS, SemanticType.TEXT);
        String tags = context.getProperty(TAGS).evaluateAttributeExpressions(flowFile).getValue();
        return new RegistrationRequest(
                dataset,
                table,
                context.getProperty(REGISTRATION_MODE).asAllowableValue(RegistrationModeValue.class).mode(),
                context.getProperty(TARGET_COLUMN).evaluateAttributeExpressions(flowFile).getValue(),
                ListProperty.split(context.getProperty(ID_COLUMNS).evaluateAttributeExpressions(flowFile).getValue()),
                problem == ProblemTypeValue.DETECT ? null : ProblemType.parse(problem.getValue()),
                overrides,
                context.getProperty(DESCRIPTION).evaluateAttributeExpressions(flowFile).getValue(),
                tags == null ? null : ListProperty.split(tags),
                flowFile.getAttribute(CoreAttributes.UUID.key()),
                context.getProperty(BATCH_SIZE).asInteger());
    }

    private static void putOverrides(Map<String, SemanticType> overrides, ProcessContext context, FlowFile flowFile,
                                     PropertyDescriptor property, SemanticType type) {
        for (String column : ListProperty.split(context.getProperty(property).evaluateAttributeExpressions(flowFile)
                .getValue())) {
            SemanticType previous = overrides.put(column, type);
            if (previous != null && previous != type) {
                throw new MdmException("Column '" + column + "' is listed as both " + previous.id() + " and "
                        + type.id());
            }
        }
    }

    private TableInput input(ProcessContext context, ProcessSession session, FlowFile flowFile) {
        RecordReaderFactory readerFactory = context.getProperty(RECORD_READER)
                .asControllerService(RecordReaderFactory.class);
        if (readerFactory != null) {
            return new RecordTableInput(readerFactory, session, flowFile, getLogger());
        }
        InputFormat format = context.getProperty(INPUT_FORMAT).asAllowableValue(InputFormatValue.class).format();
        return ContentInput.of(() -> session.read(flowFile), format);
    }

    private static Map<String, String> attributes(RegistrationResult result) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(MdmAttributes.DATASET_NAME, result.dataset());
        attributes.put(MdmAttributes.TABLE, result.table());
        attributes.put(MdmAttributes.BACKEND, result.backend());
        attributes.put(MdmAttributes.REGISTRATION_MODE, result.mode().name().toLowerCase(Locale.ROOT));
        attributes.put(MdmAttributes.ROW_COUNT, Long.toString(result.rowsAdded()));
        attributes.put(MdmAttributes.TABLE_ROW_COUNT, Long.toString(result.tableRowCount()));
        attributes.put(MdmAttributes.COLUMN_COUNT, Integer.toString(result.columns().size()));
        attributes.put(MdmAttributes.TARGET_COLUMN, result.targetColumn() == null ? "" : result.targetColumn());
        attributes.put(MdmAttributes.ID_COLUMNS, String.join(",", result.idColumns()));
        attributes.put(MdmAttributes.PROBLEM_TYPE, result.problemType() == null ? "" : result.problemType().id());
        attributes.put(MdmAttributes.DURATION_MS, Long.toString(result.durationMillis()));
        attributes.put(MdmAttributes.DUPLICATE, Boolean.toString(result.duplicate()));
        attributes.put(MdmAttributes.DATASET_CREATED, Boolean.toString(result.datasetCreated()));
        attributes.put(MdmAttributes.WIDENED_COLUMNS, String.join(",", result.widenedColumns()));
        attributes.put(MdmAttributes.TRANSIT_URI, result.transitUri());
        return attributes;
    }

    private static String details(RegistrationResult result) {
        String verb = switch (result.mode()) {
            case CREATE -> "created";
            case REPLACE -> "replaced";
            case APPEND -> "appended";
        };
        String rows = String.format(Locale.ROOT, "%,d", result.rowsAdded());
        String preposition = result.mode() == RegistrationMode.APPEND ? " rows to " : " rows in ";
        return verb + " " + rows + preposition + result.table() + " of dataset " + result.dataset() + " ("
                + result.columns().size() + " columns, " + String.format(Locale.ROOT, "%,d", result.tableRowCount())
                + " rows in table)";
    }
}
