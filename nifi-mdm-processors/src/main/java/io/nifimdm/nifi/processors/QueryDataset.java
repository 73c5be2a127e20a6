package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.query.DatasetQueries;
import io.nifimdm.core.query.FilterParser;
import io.nifimdm.core.query.NameLists;
import io.nifimdm.core.query.QuerySpec;
import io.nifimdm.core.query.RowCursor;
import io.nifimdm.core.query.Sample;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.flowfile.attributes.FragmentAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.RecordSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

@Tags({"mdm", "machine learning", "dataset", "query", "sql", "filter", "aggregate", "sample", "record", "sqlite",
        "duckdb", "postgresql"})
@CapabilityDescription("Queries a table of an ML dataset and writes the result through a Record Writer: columns, "
        + "filters (a JSON document like MDM's filters), order, limit and offset, a reproducible seeded sample, or "
        + "grouped aggregations (count, count distinct, sum, mean, min, max, stddev, median, quantile), compiled to "
        + "parameterised SQL for the dataset's engine; or a read-only SQL statement. Results stream from the engine "
        + "and can be split into FlowFiles of at most Max Rows Per FlowFile records. Runs as a source on a schedule "
        + "or once per incoming FlowFile, whose attributes the properties can use.")
@InputRequirement(InputRequirement.Requirement.INPUT_ALLOWED)
@Restricted(restrictions = {
        @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM, explanation = "The SQL property runs "
                + "user SQL on the dataset's engine. The processor refuses statements that read files (DuckDB "
                + "read_csv, file names as tables, ATTACH, COPY...) and runs SQL read-only, but DuckDB and "
                + "PostgreSQL (as a superuser) are able to read files, so only users allowed to read the file "
                + "system should configure it.")
})
@SeeAlso(classNames = {"io.nifimdm.nifi.processors.RegisterDataset", "io.nifimdm.nifi.processors.ExportDataset"})
@ReadsAttribute(attribute = MdmAttributes.DATASET_NAME, description = "The default Dataset Name")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in this FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type"),
        @WritesAttribute(attribute = MdmAttributes.DATASET_NAME, description = "Normalised dataset name"),
        @WritesAttribute(attribute = MdmAttributes.TABLE, description = "The table queried (empty for SQL)"),
        @WritesAttribute(attribute = MdmAttributes.BACKEND, description = "sqlite, duckdb or postgresql"),
        @WritesAttribute(attribute = MdmAttributes.QUERY_DURATION_MS, description = "Milliseconds from starting the "
                + "query to the last record written"),
        @WritesAttribute(attribute = MdmAttributes.QUERY_SQL, description = "The SQL that ran, with ? for every "
                + "value (values are never written out)"),
        @WritesAttribute(attribute = "fragment.identifier", description = "Shared by all FlowFiles of one result "
                + "when Max Rows Per FlowFile is set"),
        @WritesAttribute(attribute = "fragment.index", description = "0-based position of this FlowFile in the "
                + "result"),
        @WritesAttribute(attribute = "fragment.count", description = "Number of FlowFiles of the result"),
        @WritesAttribute(attribute = MdmAttributes.ERROR_MESSAGE, description = "Why the trigger went to failure")
})
public class QueryDataset extends AbstractProcessor {

    static final PropertyDescriptor DATASET_STORE = MdmProperties.DATASET_STORE;

    static final PropertyDescriptor DATASET_NAME = MdmProperties.datasetName(
            "Dataset to query (normalised as MDM does).");

    static final PropertyDescriptor TABLE = new PropertyDescriptor.Builder()
            .name("Table")
            .description("Table to query (ignored when SQL is set).")
            .required(true)
            .defaultValue("train")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor WITH_FEATURES = new PropertyDescriptor.Builder()
            .name("With Features")
            .description("Query the table's feature table (<table>_features: its columns plus the generated "
                    + "features) instead of the table itself.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor COLUMNS = structured("Columns", "Comma-separated columns to return (a name "
            + "with commas or spaces in double quotes); all columns when empty. Ignored when grouping: a grouped "
            + "result has the Group By columns, then the Aggregations.");

    static final PropertyDescriptor FILTERS = structured("Filters", "Rows to keep, as JSON like MDM's filters: "
            + "{\"city\": \"Paris\"} (equality; null means IS NULL), {\"city\": [\"Paris\", \"Oslo\"]} (IN), "
            + "{\"age\": {\">=\": 18, \"<\": 65}} (=, !=, <, <=, >, >=), {\"age\": {\"between\": [18, 65]}}, "
            + "{\"x\": {\"is_null\": true}}, {\"name\": {\"like\": \"A%\"}} (case-sensitive), {\"x\": {\"in\": "
            + "[...]}} / {\"not_in\": [...]}, combined with {\"$or\": [{...}, {...}]} and {\"$and\": [...]}; the "
            + "keys of one object must all hold. Values are bound as parameters, never written into the SQL.");

    static final PropertyDescriptor ORDER_BY = structured("Order By", "Comma-separated sort keys, each a column "
            + "(or, when grouping, an aggregation's name) with optional ASC or DESC; NULLs sort last and text in "
            + "byte order on every engine. When grouping without Order By, the result is ordered by the group "
            + "columns; paging without Order By follows the table's insertion order.");

    static final PropertyDescriptor LIMIT = structured("Limit", "Return at most this many rows.",
            StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR);

    static final PropertyDescriptor OFFSET = structured("Offset", "Skip this many rows first.",
            StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR);

    static final PropertyDescriptor SAMPLE = structured("Sample", "A reproducible sample of the filtered rows, taken "
            + "before grouping, ordering and paging: a fraction (0.1 or 10%) or a row count (500). The same seed "
            + "picks the same rows on SQLite, DuckDB and PostgreSQL.");

    static final PropertyDescriptor SAMPLE_SEED = new PropertyDescriptor.Builder()
            .name("Sample Seed")
            .description("Seed of the sample; another seed picks other rows.")
            .required(true)
            .defaultValue("42")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.LONG_VALIDATOR)
            .dependsOn(SAMPLE)
            .build();

    static final PropertyDescriptor GROUP_BY = structured("Group By", "Comma-separated columns to group by.");

    static final PropertyDescriptor AGGREGATIONS = structured("Aggregations", "Comma-separated aggregations, each "
            + "function(column) [AS name]: count(*), count(x), count_distinct(x), sum(x), avg(x) or mean(x), "
            + "min(x), max(x), stddev(x) (sample), median(x), quantile(x, 0.9) (interpolated, exact on every "
            + "engine). Default names: count, avg_x, q90_x...");

    static final PropertyDescriptor SQL = new PropertyDescriptor.Builder()
            .name("SQL")
            .description("A read-only query (one SELECT or WITH statement) over the dataset's tables, instead of the "
                    + "structured properties. Statements that write, change settings, attach databases or read "
                    + "files are refused before they reach the engine; the query then runs read-only (SQLite "
                    + "query_only, a PostgreSQL READ ONLY transaction with the Query Timeout, DuckDB after a check "
                    + "of its parsed table references). Write a column named like a SQL keyword in double quotes.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor QUERY_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Query Timeout")
            .description("Longest run time of a SQL statement on PostgreSQL (statement_timeout).")
            .required(true)
            .defaultValue("5 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(SQL)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the result records (CSV, JSON, Avro, Parquet...).")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .build();

    static final PropertyDescriptor MAX_ROWS_PER_FLOWFILE = new PropertyDescriptor.Builder()
            .name("Max Rows Per FlowFile")
            .description("Split the result into FlowFiles of at most this many records, with fragment attributes; "
                    + "0 writes the whole result into one FlowFile. Either way the result streams: memory does not "
                    + "grow with its size.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Query results")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The incoming FlowFile after its query succeeded")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The incoming FlowFile when its query is not valid (unknown dataset, table or column, bad "
                    + "filter, refused SQL); see mdm.error.message")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The incoming FlowFile, penalized, when the engine was unavailable or busy")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DATASET_STORE, DATASET_NAME, TABLE,
            WITH_FEATURES, COLUMNS, FILTERS, ORDER_BY, LIMIT, OFFSET, SAMPLE, SAMPLE_SEED, GROUP_BY, AGGREGATIONS,
            SQL, QUERY_TIMEOUT, RECORD_WRITER, MAX_ROWS_PER_FLOWFILE);

    private static final List<PropertyDescriptor> STRUCTURED = List.of(COLUMNS, FILTERS, ORDER_BY, LIMIT, OFFSET,
            SAMPLE, GROUP_BY, AGGREGATIONS);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_FAILURE, REL_RETRY);

    private static PropertyDescriptor structured(String name, String description) {
        return structured(name, description, StandardValidators.NON_BLANK_VALIDATOR);
    }

    private static PropertyDescriptor structured(String name, String description,
                                                 org.apache.nifi.components.Validator validator) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(false)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(validator)
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
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(SQL).isSet()) {
            for (PropertyDescriptor property : STRUCTURED) {
                if (context.getProperty(property).isSet()) {
                    results.add(new ValidationResult.Builder().subject(property.getName()).valid(false)
                            .explanation("set either SQL or the structured query properties, not both").build());
                }
            }
        }
        checkLiteral(context, FILTERS, results, FilterParser::parse);
        checkLiteral(context, AGGREGATIONS, results, NameLists::aggregations);
        checkLiteral(context, ORDER_BY, results, NameLists::sortKeys);
        checkLiteral(context, COLUMNS, results, NameLists::columns);
        checkLiteral(context, GROUP_BY, results, NameLists::columns);
        checkLiteral(context, SAMPLE, results, text -> Sample.parse(text, 0));
        return results;
    }

    /** Parses a property without Expression Language at validation time, so typos show on the canvas. */
    private static void checkLiteral(ValidationContext context, PropertyDescriptor property,
                                     List<ValidationResult> results, java.util.function.Function<String, ?> parser) {
        String value = context.getProperty(property).getValue();
        if (value == null || value.isBlank() || context.isExpressionLanguagePresent(value)) {
            return;
        }
        try {
            parser.apply(value);
        } catch (MdmException e) {
            results.add(new ValidationResult.Builder().subject(property.getName()).input(value).valid(false)
                    .explanation(e.getMessage()).build());
        }
    }

    @Override
    public void onTrigger(ProcessContext context, ProcessSession session) {
        FlowFile trigger = null;
        if (context.hasIncomingConnection()) {
            trigger = session.get();
            if (trigger == null && context.hasNonLoopConnection()) {
                return;
            }
        }
        DatasetStore store = MdmProperties.datasetStore(context);
        List<FlowFile> outputs = new ArrayList<>();
        try {
            String datasetName = MdmProperties.datasetName(context, DATASET_NAME, trigger);
            Dataset dataset = store.open(datasetName);
            String sql = context.getProperty(SQL).evaluateAttributeExpressions(trigger).getValue();
            String table = sql == null ? table(context, trigger) : "";
            long started = System.nanoTime();
            DatasetQueries queries = new DatasetQueries(dataset);
            try (RowCursor cursor = sql != null
                    ? queries.openSql(sql, Duration.ofMillis(context.getProperty(QUERY_TIMEOUT)
                    .asTimePeriod(TimeUnit.MILLISECONDS)))
                    : queries.open(spec(context, trigger, table))) {
                writeResults(context, session, trigger, cursor, outputs);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                String transitUri = store.transitUri(dataset.name(), table.isEmpty() ? "sql" : table);
                finish(session, trigger, outputs, dataset, table, cursor.sql(), millis, transitUri);
            }
        } catch (TransientStoreException e) {
            outputs.forEach(session::remove);
            if (trigger == null) {
                getLogger().warn("Dataset store unavailable; yielding", e);
                context.yield();
                return;
            }
            getLogger().warn("Dataset store unavailable; {} goes to retry", trigger, e);
            session.transfer(session.penalize(trigger), REL_RETRY);
        } catch (MdmException | IllegalArgumentException e) {
            outputs.forEach(session::remove);
            if (trigger == null) {
                getLogger().error("Query failed: {}", e.getMessage(), e);
                context.yield();
                return;
            }
            getLogger().error("Query for {} failed: {}", trigger, e.getMessage(), e);
            trigger = session.putAttribute(trigger, MdmAttributes.ERROR_MESSAGE, String.valueOf(e.getMessage()));
            session.transfer(session.penalize(trigger), REL_FAILURE);
        }
    }

    private static String table(ProcessContext context, FlowFile trigger) {
        String table = context.getProperty(TABLE).evaluateAttributeExpressions(trigger).getValue().trim();
        if (context.getProperty(WITH_FEATURES).asBoolean() && !table.endsWith("_features")) {
            table = table + "_features";
        }
        return table;
    }

    private static QuerySpec spec(ProcessContext context, FlowFile trigger, String table) {
        String sample = value(context, SAMPLE, trigger);
        return new QuerySpec(
                table,
                NameLists.columns(value(context, COLUMNS, trigger)),
                FilterParser.parse(value(context, FILTERS, trigger)),
                NameLists.sortKeys(value(context, ORDER_BY, trigger)),
                number(context, LIMIT, trigger),
                number(context, OFFSET, trigger),
                sample == null ? null : Sample.parse(sample, Long.parseLong(value(context, SAMPLE_SEED, trigger)
                        .trim())),
                NameLists.columns(value(context, GROUP_BY, trigger)),
                NameLists.aggregations(value(context, AGGREGATIONS, trigger)));
    }

    private static String value(ProcessContext context, PropertyDescriptor property, FlowFile trigger) {
        String value = context.getProperty(property).evaluateAttributeExpressions(trigger).getValue();
        return value == null || value.isBlank() ? null : value;
    }

    private static Long number(ProcessContext context, PropertyDescriptor property, FlowFile trigger) {
        String value = value(context, property, trigger);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new MdmException(property.getName() + " '" + value + "' is not a whole number");
        }
    }

    /** Writes the cursor's rows into one FlowFile, or several of at most Max Rows Per FlowFile records. */
    private void writeResults(ProcessContext context, ProcessSession session, FlowFile trigger, RowCursor cursor,
                              List<FlowFile> outputs) {
        RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER)
                .asControllerService(RecordSetWriterFactory.class);
        long maxRows = context.getProperty(MAX_ROWS_PER_FLOWFILE).asLong();
        RecordSchema schema = RecordSchemas.of(cursor.columns());
        Map<String, String> variables = trigger == null ? Map.of() : trigger.getAttributes();
        boolean[] pending = {cursor.next()};
        do {
            FlowFile output = trigger == null ? session.create() : session.create(trigger);
            outputs.add(output);
            long[] written = {0};
            String[] mimeType = {null};
            Map<String, String> writerAttributes = new HashMap<>();
            output = session.write(output, out -> {
                try {
                    RecordSchema writeSchema = writerFactory.getSchema(variables, schema);
                    try (RecordSetWriter writer = writerFactory.createWriter(getLogger(), writeSchema, out,
                            variables)) {
                        writer.beginRecordSet();
                        while (pending[0] && (maxRows == 0 || written[0] < maxRows)) {
                            writer.write(RecordSchemas.record(writeSchema, cursor));
                            written[0]++;
                            pending[0] = cursor.next();
                        }
                        WriteResult result = writer.finishRecordSet();
                        writerAttributes.putAll(result.getAttributes());
                        mimeType[0] = writer.getMimeType();
                    }
                } catch (org.apache.nifi.schema.access.SchemaNotFoundException e) {
                    throw new MdmException("The Record Writer has no schema for the result: " + e.getMessage(), e);
                }
            });
            Map<String, String> attributes = new HashMap<>(writerAttributes);
            attributes.put("record.count", Long.toString(written[0]));
            if (mimeType[0] != null) {
                attributes.put(CoreAttributes.MIME_TYPE.key(), mimeType[0]);
            }
            outputs.set(outputs.size() - 1, session.putAllAttributes(output, attributes));
        } while (pending[0]);
        if (maxRows > 0) {
            String identifier = UUID.randomUUID().toString();
            for (int i = 0; i < outputs.size(); i++) {
                Map<String, String> fragment = new HashMap<>();
                fragment.put(FragmentAttributes.FRAGMENT_ID.key(), identifier);
                fragment.put(FragmentAttributes.FRAGMENT_INDEX.key(), Integer.toString(i));
                fragment.put(FragmentAttributes.FRAGMENT_COUNT.key(), Integer.toString(outputs.size()));
                outputs.set(i, session.putAllAttributes(outputs.get(i), fragment));
            }
        }
    }

    private void finish(ProcessSession session, FlowFile trigger, List<FlowFile> outputs, Dataset dataset,
                        String table, String sql, long millis, String transitUri) {
        long rows = 0;
        for (int i = 0; i < outputs.size(); i++) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put(MdmAttributes.DATASET_NAME, dataset.name());
            attributes.put(MdmAttributes.TABLE, table);
            attributes.put(MdmAttributes.BACKEND, dataset.backend().kind().id());
            attributes.put(MdmAttributes.QUERY_DURATION_MS, Long.toString(millis));
            attributes.put(MdmAttributes.QUERY_SQL, sql);
            FlowFile output = session.putAllAttributes(outputs.get(i), attributes);
            rows += Long.parseLong(output.getAttribute("record.count"));
            String details = output.getAttribute("record.count") + " rows from " + (table.isEmpty() ? "SQL" : table)
                    + " of dataset " + dataset.name();
            if (trigger == null) {
                session.getProvenanceReporter().receive(output, transitUri, details, millis);
            } else {
                session.getProvenanceReporter().fetch(output, transitUri, details, millis);
            }
            session.transfer(output, REL_SUCCESS);
        }
        session.adjustCounter("Rows queried", rows, false);
        if (trigger != null) {
            session.transfer(trigger, REL_ORIGINAL);
        }
    }
}
