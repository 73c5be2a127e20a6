package io.nifimdm.nifi.processors;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.AbstractRecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Record Writer for tests (NiFi's serialization services are not on our build path): one CSV line per record with
 * a header of the schema's field names and their types ({@code name:LONG}), so tests see the types the processor
 * declared. Nulls are written as {@code \N} so they differ from empty strings.
 */
final class TestRecordWriters {

    private TestRecordWriters() {
    }

    static final class CsvLinesWriterFactory extends AbstractControllerService implements RecordSetWriterFactory {

        @Override
        public RecordSchema getSchema(Map<String, String> variables, RecordSchema readSchema) {
            return readSchema;
        }

        @Override
        public RecordSetWriter createWriter(ComponentLog logger, RecordSchema schema, OutputStream out,
                                            Map<String, String> variables) throws IOException {
            out.write((schema.getFields().stream().map(f -> f.getFieldName() + ":" + f.getDataType().getFieldType())
                    .collect(Collectors.joining(",")) + "\n").getBytes(StandardCharsets.UTF_8));
            return new AbstractRecordSetWriter(out) {
                @Override
                protected Map<String, String> writeRecord(Record record) throws IOException {
                    StringBuilder line = new StringBuilder();
                    for (RecordField field : schema.getFields()) {
                        if (!line.isEmpty()) {
                            line.append(',');
                        }
                        Object value = record.getValue(field);
                        line.append(value == null ? "\\N" : quote(value.toString()));
                    }
                    getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    return Map.of();
                }

                @Override
                public String getMimeType() {
                    return "text/csv";
                }
            };
        }
    }

    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
