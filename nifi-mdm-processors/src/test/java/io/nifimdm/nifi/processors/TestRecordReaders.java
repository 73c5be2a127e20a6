package io.nifimdm.nifi.processors;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Record Reader for tests that reads lines of {@code id|score|day|at|name} into typed NiFi records (INT, FLOAT,
 * DATE, TIMESTAMP, STRING), as NiFi's typed readers (Avro, Parquet) hand them over.
 */
final class TestRecordReaders {

    private TestRecordReaders() {
    }

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("id", RecordFieldType.INT.getDataType()),
            new RecordField("score", RecordFieldType.FLOAT.getDataType()),
            new RecordField("day", RecordFieldType.DATE.getDataType()),
            new RecordField("at", RecordFieldType.TIMESTAMP.getDataType()),
            new RecordField("name", RecordFieldType.STRING.getDataType())));

    static final class PipeDelimitedReaderFactory extends AbstractControllerService implements RecordReaderFactory {

        @Override
        public RecordReader createRecordReader(Map<String, String> variables, InputStream in, long inputLength,
                                               ComponentLog logger) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new RecordReader() {
                @Override
                public Record nextRecord(boolean coerceTypes, boolean dropUnknownFields) throws IOException {
                    String line = lines.readLine();
                    if (line == null) {
                        return null;
                    }
                    String[] parts = line.split("\\|", -1);
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("id", Integer.parseInt(parts[0]));
                    values.put("score", parts[1].isEmpty() ? null : Float.parseFloat(parts[1]));
                    values.put("day", Date.valueOf(parts[2]));
                    values.put("at", Timestamp.valueOf(parts[3]));
                    values.put("name", parts[4]);
                    return new MapRecord(SCHEMA, values);
                }

                @Override
                public RecordSchema getSchema() {
                    return SCHEMA;
                }

                @Override
                public void close() throws IOException {
                    lines.close();
                }
            };
        }

        @Override
        public RecordReader createRecordReader(FlowFile flowFile, InputStream in, ComponentLog logger) {
            return createRecordReader(flowFile.getAttributes(), in, flowFile.getSize(), logger);
        }
    }
}
