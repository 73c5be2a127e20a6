package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.register.TableInput;
import io.nifimdm.core.register.TableReader;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.SchemaValidationException;
import org.apache.nifi.serialization.record.Record;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The FlowFile content read through a configured NiFi Record Reader, as rows for the registrar. */
final class RecordTableInput implements TableInput {

    private final RecordReaderFactory factory;
    private final ProcessSession session;
    private final FlowFile flowFile;
    private final ComponentLog logger;

    RecordTableInput(RecordReaderFactory factory, ProcessSession session, FlowFile flowFile, ComponentLog logger) {
        this.factory = factory;
        this.session = session;
        this.flowFile = flowFile;
        this.logger = logger;
    }

    @Override
    public TableReader open() throws IOException {
        InputStream content = session.read(flowFile);
        try {
            RecordReader reader = factory.createRecordReader(flowFile, content, logger);
            return new RecordRows(reader, content);
        } catch (SchemaNotFoundException | SchemaValidationException | MalformedRecordException e) {
            content.close();
            throw new MdmException("The Record Reader could not read the content: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            content.close();
            throw e;
        }
    }

    private static final class RecordRows implements TableReader {

        private final RecordReader reader;
        private final InputStream content;
        private final List<String> columns;

        RecordRows(RecordReader reader, InputStream content) throws MalformedRecordException {
            this.reader = reader;
            this.content = content;
            this.columns = reader.getSchema().getFieldNames();
        }

        @Override
        public List<String> columnNames() {
            return columns;
        }

        @Override
        public Object[] next() throws IOException {
            Record record;
            try {
                record = reader.nextRecord();
            } catch (MalformedRecordException e) {
                throw new MdmException("Malformed record: " + e.getMessage(), e);
            }
            if (record == null) {
                return null;
            }
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = RecordValues.toRaw(record.getValue(columns.get(i)));
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            try {
                reader.close();
            } finally {
                content.close();
            }
        }
    }
}
