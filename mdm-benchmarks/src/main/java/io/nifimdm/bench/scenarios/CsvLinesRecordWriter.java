package io.nifimdm.bench.scenarios;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.AbstractRecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A minimal Record Writer for the processor scenarios (NiFi's record serialization services are not on this
 * module's class path): a header of the field names, then one CSV line per record, a null as an empty field. It
 * costs about what a real CSV writer costs per value, so the processor's own work stays the larger part.
 */
public final class CsvLinesRecordWriter extends AbstractControllerService implements RecordSetWriterFactory {

    @Override
    public RecordSchema getSchema(Map<String, String> variables, RecordSchema readSchema) {
        return readSchema;
    }

    @Override
    public RecordSetWriter createWriter(ComponentLog logger, RecordSchema schema, OutputStream out,
                                        Map<String, String> variables) {
        List<RecordField> fields = schema.getFields();
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        return new AbstractRecordSetWriter(out) {
            @Override
            protected void onBeginRecordSet() throws IOException {
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        text.write(',');
                    }
                    text.write(quoted(fields.get(i).getFieldName()));
                }
                text.write('\n');
            }

            @Override
            protected Map<String, String> writeRecord(Record record) throws IOException {
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        text.write(',');
                    }
                    Object value = record.getValue(fields.get(i));
                    if (value != null) {
                        text.write(quoted(value.toString()));
                    }
                }
                text.write('\n');
                return Map.of();
            }

            @Override
            protected Map<String, String> onFinishRecordSet() throws IOException {
                text.flush();
                return Map.of();
            }

            @Override
            public void flush() throws IOException {
                text.flush();
            }

            @Override
            public void close() throws IOException {
                // the session owns the stream: flush what is buffered, do not close it
                text.flush();
            }

            @Override
            public String getMimeType() {
                return "text/csv";
            }
        };
    }

    private static String quoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }
}
