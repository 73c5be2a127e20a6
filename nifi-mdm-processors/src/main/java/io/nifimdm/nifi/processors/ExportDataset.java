package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.export.ExportOptions;
import io.nifimdm.core.export.MetadataExport;
import io.nifimdm.core.export.TableExporter;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@Tags({"mdm", "machine learning", "dataset", "export", "csv", "json", "parquet", "sqlite", "duckdb", "postgresql"})
@CapabilityDescription("Exports tables of an ML dataset as files, one FlowFile per table named "
        + "<dataset>_<table>.<ext>[.gz|.zip]: CSV (header, delimiter), JSON (records array), JSON Lines or Parquet "
        + "(with the columns' real types), compressed with gzip or zip (CSV, JSON) or snappy, gzip or zstd (Parquet "
        + "pages). Rows stream from the engine into the FlowFile, so memory does not grow with the table. "
        + "Optionally adds the dataset's metadata as <dataset>_metadata.json. Runs as a source on a schedule or once "
        + "per incoming FlowFile.")
@InputRequirement(InputRequirement.Requirement.INPUT_ALLOWED)
@SeeAlso(classNames = {"io.nifimdm.nifi.processors.RegisterDataset", "io.nifimdm.nifi.processors.QueryDataset"})
@ReadsAttribute(attribute = MdmAttributes.DATASET_NAME, description = "The default Dataset Name")
@WritesAttributes({
        @WritesAttribute(attribute = "filename", description = "<dataset>_<table>.<ext>[.gz|.zip], or "
                + "<dataset>_metadata.json"),
        @WritesAttribute(attribute = "mime.type", description = "text/csv, application/json, application/x-ndjson, "
                + "application/vnd.apache.parquet, or application/gzip / application/zip when compressed as a whole"),
        @WritesAttribute(attribute = MdmAttributes.DATASET_NAME, description = "Normalised dataset name"),
        @WritesAttribute(attribute = MdmAttributes.TABLE, description = "The exported table (empty for the "
                + "metadata FlowFile)"),
        @WritesAttribute(attribute = MdmAttributes.BACKEND, description = "sqlite, duckdb or postgresql"),
        @WritesAttribute(attribute = MdmAttributes.EXPORT_FORMAT, description = "csv, json, jsonl, parquet (metadata: "
                + "json)"),
        @WritesAttribute(attribute = MdmAttributes.EXPORT_COMPRESSION, description = "none, gzip, zip, snappy or "
                + "zstd"),
        @WritesAttribute(attribute = MdmAttributes.ROW_COUNT, description = "Rows written"),
        @WritesAttribute(attribute = MdmAttributes.ERROR_MESSAGE, description = "Why the trigger went to failure")
})
public class ExportDataset extends AbstractProcessor {

    static final PropertyDescriptor DATASET_STORE = MdmProperties.DATASET_STORE;

    static final PropertyDescriptor DATASET_NAME = MdmProperties.datasetName("Dataset to export (normalised as MDM does).");

    static final PropertyDescriptor TABLES = new PropertyDescriptor.Builder()
            .name("Tables")
            .description("Which tables to export.")
            .required(true)
            .allowableValues(ExportTablesValue.class)
            .defaultValue(ExportTablesValue.ALL)
            .build();

    static final PropertyDescriptor TABLE_NAMES = new PropertyDescriptor.Builder()
            .name("Table Names")
            .description("Comma-separated tables to export; an unknown table sends the trigger to failure.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(TABLES, ExportTablesValue.LISTED)
            .build();

    static final PropertyDescriptor FORMAT = new PropertyDescriptor.Builder()
            .name("Format")
            .description("File format of the exported tables.")
            .required(true)
            .allowableValues(ExportFormatValue.class)
            .defaultValue(ExportFormatValue.CSV)
            .build();

    static final PropertyDescriptor COMPRESSION = new PropertyDescriptor.Builder()
            .name("Compression")
            .description("CSV and JSON: none, gzip or zip (the whole file); Parquet: none, snappy, gzip or zstd (its "
                    + "pages). Other combinations are invalid.")
            .required(true)
            .allowableValues(ExportCompressionValue.class)
            .defaultValue(ExportCompressionValue.NONE)
            .build();

    static final PropertyDescriptor INCLUDE_HEADER = new PropertyDescriptor.Builder()
            .name("Include Header")
            .description("Write the column names as the first CSV line.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .dependsOn(FORMAT, ExportFormatValue.CSV)
            .build();

    static final PropertyDescriptor DELIMITER = new PropertyDescriptor.Builder()
            .name("CSV Delimiter")
            .description("The CSV field separator: one character; \\t for a tab.")
            .required(true)
            .defaultValue(",")
            .addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                    .valid(delimiter(input) != null).explanation("one character other than a quote or line break, "
                            + "or \\t").build())
            .dependsOn(FORMAT, ExportFormatValue.CSV)
            .build();

    static final PropertyDescriptor INCLUDE_METADATA = new PropertyDescriptor.Builder()
            .name("Include Metadata")
            .description("Also emit <dataset>_metadata.json: the dataset info and, per exported table, its columns "
                    + "(storage type, semantic type, role) and stored statistics.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One FlowFile per exported table, plus the metadata FlowFile")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The incoming FlowFile after its export succeeded")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The incoming FlowFile when the export failed (unknown dataset or table, no table to "
                    + "export); see mdm.error.message. Transient database errors roll it back to the queue instead.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DATASET_STORE, DATASET_NAME, TABLES,
            TABLE_NAMES, FORMAT, COMPRESSION, INCLUDE_HEADER, DELIMITER, INCLUDE_METADATA);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_FAILURE);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    static Character delimiter(String input) {
        if (input == null) {
            return null;
        }
        if (input.equals("\\t")) {
            return '\t';
        }
        if (input.length() != 1 || input.charAt(0) == '"' || input.charAt(0) == '\n' || input.charAt(0) == '\r') {
            return null;
        }
        return input.charAt(0);
    }

    @Override
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        List<ValidationResult> results = new ArrayList<>();
        ExportFormatValue format = context.getProperty(FORMAT).asAllowableValue(ExportFormatValue.class);
        ExportCompressionValue compression = context.getProperty(COMPRESSION)
                .asAllowableValue(ExportCompressionValue.class);
        if (!compression.compression().supports(format.format())) {
            results.add(new ValidationResult.Builder().subject(COMPRESSION.getName()).input(compression.getValue())
                    .valid(false).explanation(compression.getValue() + " is not supported for "
                            + format.getDisplayName() + (format == ExportFormatValue.PARQUET
                            ? " (none, snappy, gzip or zstd)" : " (none, gzip or zip)")).build());
        }
        return results;
    }

    private static ExportOptions options(ProcessContext context) {
        ExportFormatValue format = context.getProperty(FORMAT).asAllowableValue(ExportFormatValue.class);
        boolean csv = format == ExportFormatValue.CSV;
        return new ExportOptions(format.format(),
                context.getProperty(COMPRESSION).asAllowableValue(ExportCompressionValue.class).compression(),
                !csv || context.getProperty(INCLUDE_HEADER).asBoolean(),
                csv ? delimiter(context.getProperty(DELIMITER).getValue()) : ',');
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
            TableExporter exporter = new TableExporter(dataset);
            List<String> tables = selectTables(context, trigger, exporter.tables());
            ExportOptions options = options(context);
            long totalRows = 0;
            for (String table : tables) {
                long started = System.nanoTime();
                FlowFile output = trigger == null ? session.create() : session.create(trigger);
                outputs.add(output);
                long[] rows = {0};
                output = session.write(output, out -> rows[0] = exporter.export(table, options, out));
                String fileName = options.fileName(dataset.name(), table);
                output = session.putAllAttributes(output, attributes(dataset, table, fileName, options.mimeType(),
                        options.format().extension(), options.compression().id(), rows[0]));
                outputs.set(outputs.size() - 1, output);
                report(session, trigger, output, store.transitUri(dataset.name(), table), "table " + table + " of "
                        + "dataset " + dataset.name() + ": " + String.format(Locale.ROOT, "%,d", rows[0]) + " rows as "
                        + fileName, started);
                totalRows += rows[0];
            }
            if (context.getProperty(INCLUDE_METADATA).asBoolean()) {
                long started = System.nanoTime();
                FlowFile metadata = trigger == null ? session.create() : session.create(trigger);
                outputs.add(metadata);
                Instant now = Instant.now();
                metadata = session.write(metadata, out -> MetadataExport.write(dataset, tables, now, out));
                metadata = session.putAllAttributes(metadata, attributes(dataset, "",
                        MetadataExport.fileName(dataset.name()), "application/json", "json", "none", tables.size()));
                outputs.set(outputs.size() - 1, metadata);
                report(session, trigger, metadata, store.transitUri(dataset.name(), "_mdm_dataset"),
                        "metadata of dataset " + dataset.name() + " (" + tables.size() + " tables)", started);
            }
            session.transfer(outputs, REL_SUCCESS);
            session.adjustCounter("Rows exported", totalRows, false);
            if (trigger != null) {
                session.transfer(trigger, REL_ORIGINAL);
            }
        } catch (TransientStoreException e) {
            outputs.forEach(session::remove);
            getLogger().warn("Dataset store unavailable; trying again later", e);
            if (trigger != null) {
                session.rollback(true);
            }
            context.yield();
        } catch (MdmException | IllegalArgumentException | ProcessException e) {
            outputs.forEach(session::remove);
            if (trigger == null) {
                getLogger().error("Export failed: {}", e.getMessage(), e);
                context.yield();
                return;
            }
            getLogger().error("Export for {} failed: {}", trigger, e.getMessage(), e);
            trigger = session.putAttribute(trigger, MdmAttributes.ERROR_MESSAGE, String.valueOf(e.getMessage()));
            session.transfer(session.penalize(trigger), REL_FAILURE);
        }
    }

    private static List<String> selectTables(ProcessContext context, FlowFile trigger, List<TableInfo> known) {
        ExportTablesValue selection = context.getProperty(TABLES).asAllowableValue(ExportTablesValue.class);
        List<String> tables = new ArrayList<>();
        if (selection == ExportTablesValue.LISTED) {
            for (String name : ListProperty.split(context.getProperty(TABLE_NAMES).evaluateAttributeExpressions(trigger)
                    .getValue())) {
                if (known.stream().noneMatch(t -> t.name().equals(name))) {
                    throw new MdmException("Table '" + name + "' not found (tables: " + String.join(", ",
                            known.stream().map(TableInfo::name).toList()) + ")");
                }
                tables.add(name);
            }
        } else {
            for (TableInfo table : known) {
                boolean features = table.kind() == TableKind.FEATURES;
                if (selection == ExportTablesValue.ALL || (selection == ExportTablesValue.FEATURES) == features) {
                    tables.add(table.name());
                }
            }
        }
        if (tables.isEmpty()) {
            throw new MdmException("No " + (selection == ExportTablesValue.FEATURES ? "feature " : "")
                    + "tables to export in this dataset");
        }
        return tables;
    }

    private static Map<String, String> attributes(Dataset dataset, String table, String fileName, String mimeType,
                                                  String format, String compression, long rows) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(CoreAttributes.FILENAME.key(), fileName);
        attributes.put(CoreAttributes.MIME_TYPE.key(), mimeType);
        attributes.put(MdmAttributes.DATASET_NAME, dataset.name());
        attributes.put(MdmAttributes.TABLE, table);
        attributes.put(MdmAttributes.BACKEND, dataset.backend().kind().id());
        attributes.put(MdmAttributes.EXPORT_FORMAT, format);
        attributes.put(MdmAttributes.EXPORT_COMPRESSION, compression);
        attributes.put(MdmAttributes.ROW_COUNT, Long.toString(rows));
        return attributes;
    }

    private static void report(ProcessSession session, FlowFile trigger, FlowFile output, String transitUri,
                               String details, long startedNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        if (trigger == null) {
            session.getProvenanceReporter().receive(output, transitUri, details, millis);
        } else {
            session.getProvenanceReporter().fetch(output, transitUri, details, millis);
        }
    }
}
