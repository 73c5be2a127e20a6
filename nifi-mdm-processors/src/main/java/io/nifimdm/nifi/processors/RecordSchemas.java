package io.nifimdm.nifi.processors;

import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** NiFi record schemas and records for query results, typed from the columns' storage types. */
final class RecordSchemas {

    private RecordSchemas() {
    }

    static RecordSchema of(List<ResultColumn> columns) {
        List<RecordField> fields = new ArrayList<>();
        for (ResultColumn column : columns) {
            fields.add(new RecordField(column.name(), dataType(column), true));
        }
        return new SimpleRecordSchema(fields);
    }

    private static DataType dataType(ResultColumn column) {
        return switch (column.type()) {
            case BOOLEAN -> RecordFieldType.BOOLEAN.getDataType();
            case INTEGER -> RecordFieldType.LONG.getDataType();
            case DECIMAL -> RecordFieldType.DOUBLE.getDataType();
            case DATE -> RecordFieldType.DATE.getDataType();
            case TIMESTAMP -> RecordFieldType.TIMESTAMP.getDataType();
            case TEXT -> RecordFieldType.STRING.getDataType();
        };
    }

    /** The cursor's current row as a record; dates and timestamps as the java.sql types every writer accepts. */
    static Record record(RecordSchema schema, RowCursor cursor) {
        List<ResultColumn> columns = cursor.columns();
        Map<String, Object> values = new LinkedHashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            Object value = cursor.value(i);
            if (value instanceof LocalDate date) {
                value = Date.valueOf(date);
            } else if (value instanceof LocalDateTime timestamp) {
                value = Timestamp.valueOf(timestamp);
            }
            values.put(columns.get(i).name(), value);
        }
        return new MapRecord(schema, values);
    }
}
