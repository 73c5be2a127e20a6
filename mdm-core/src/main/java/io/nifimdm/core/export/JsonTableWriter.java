package io.nifimdm.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.nifimdm.core.backend.TemporalText;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * JSON records: an array of objects ({@code []} for no rows), or JSON Lines (one object per line, nothing for no
 * rows). Numbers as JSON numbers at full precision, dates and timestamps as ISO text, nulls as {@code null}.
 */
final class JsonTableWriter implements TableWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final boolean lines;

    JsonTableWriter(boolean lines) {
        this.lines = lines;
    }

    @Override
    public long write(RowCursor rows, OutputStream out) throws IOException {
        List<ResultColumn> columns = rows.columns();
        long count = 0;
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            if (lines) {
                json.setRootValueSeparator(null);
            } else {
                json.writeStartArray();
            }
            while (rows.next()) {
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    json.writeFieldName(columns.get(i).name());
                    switch (rows.value(i)) {
                        case null -> json.writeNull();
                        case String s -> json.writeString(s);
                        case Long l -> json.writeNumber(l);
                        case Double d -> json.writeNumber(d);
                        case Boolean b -> json.writeBoolean(b);
                        case LocalDate d -> json.writeString(TemporalText.date(d));
                        case LocalDateTime t -> json.writeString(TemporalText.timestamp(t));
                        case Object other -> json.writeString(other.toString());
                    }
                }
                json.writeEndObject();
                if (lines) {
                    json.writeRaw('\n');
                }
                count++;
            }
            if (!lines) {
                json.writeEndArray();
            }
        }
        return count;
    }
}
