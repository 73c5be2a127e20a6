package io.nifimdm.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON content: one array of objects, or JSON Lines (one object per line; any whitespace between objects is
 * accepted). Streams with Jackson's token parser; only the records read ahead to discover the columns are held
 * in memory.
 *
 * <p>Columns are the union of the keys of the first {@link ReadOptions#jsonColumnDiscoveryRecords()} records in
 * first-seen order, followed by {@link ReadOptions#extraColumns()}. A key first seen later raises
 * {@link UnexpectedColumnException} rather than being dropped. A missing key is null. Values: strings as
 * String, integers as Long (beyond the long range: their digits as String), other numbers as Double,
 * booleans as Boolean, nested objects and arrays as their compact JSON text.
 */
final class JsonTabularReader implements TabularReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final ContentSource source;
    private final JsonParser parser;
    private final boolean array;
    private final int lookahead;
    private final Map<String, Integer> keyIndex = new LinkedHashMap<>();
    private final ArrayDeque<Object[]> buffered = new ArrayDeque<>();
    private final List<String> columnNames;
    private final ContentDescription description;
    private boolean columnsFixed;
    private boolean ended;
    private long recordsRead;
    private long position;

    JsonTabularReader(ContentSource source, Reader text, boolean array, ReadOptions options,
                      ContentDescription description) {
        this.source = source;
        this.array = array;
        this.lookahead = options.jsonColumnDiscoveryRecords();
        this.description = description;
        try {
            this.parser = FACTORY.createParser(text);
            if (array) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    throw new InvalidInputException("JSON content must be an array of objects or JSON Lines");
                }
            }
            while (buffered.size() < lookahead) {
                Object[] record = readRecord();
                if (record == null) {
                    break;
                }
                buffered.add(record);
            }
        } catch (IOException e) {
            throw failure(e);
        }
        if (buffered.isEmpty()) {
            throw new InvalidInputException("The JSON content holds no records");
        }
        List<String> keys = new ArrayList<>(keyIndex.keySet());
        for (String extra : options.extraColumns()) {
            if (!keyIndex.containsKey(extra)) {
                keyIndex.put(extra, keyIndex.size());
                keys.add(extra);
            }
        }
        if (keys.isEmpty()) {
            throw new InvalidInputException("The JSON records have no keys, so there are no columns");
        }
        this.columnNames = ColumnNames.validate(keys, options.renameDuplicateColumns());
        this.columnsFixed = true;
    }

    private RuntimeException failure(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            long line = jpe.getLocation() == null ? -1 : jpe.getLocation().getLineNr();
            return new InvalidInputException("Malformed JSON" + (line > 0 ? " at line " + line : "") + " (record "
                    + (recordsRead + 1) + "): " + jpe.getOriginalMessage(), e);
        }
        return ContentSource.translate(e);
    }

    /** The next record as values indexed by {@link #keyIndex}, or null at the end. */
    private Object[] readRecord() throws IOException {
        if (ended) {
            return null;
        }
        JsonToken token = parser.nextToken();
        if (token == null || (array && token == JsonToken.END_ARRAY)) {
            if (array) {
                if (token == null) {
                    throw new InvalidInputException("The JSON array is not closed (content ends inside it)");
                }
                if (parser.nextToken() != null) {
                    throw new InvalidInputException("The JSON content continues after its array closes");
                }
            }
            ended = true;
            return null;
        }
        long number = recordsRead + 1;
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidInputException("JSON record " + number + " is not an object (found " + token.asString()
                    + "); expected an array of objects or one object per line");
        }
        Object[] values = new Object[Math.max(keyIndex.size(), 8)];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Integer index = keyIndex.get(key);
            if (index == null) {
                if (columnsFixed) {
                    throw new UnexpectedColumnException(key, number, lookahead);
                }
                index = keyIndex.size();
                keyIndex.put(key, index);
            }
            if (index >= values.length) {
                values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
            }
            values[index] = readValue(parser.nextToken());
        }
        recordsRead = number;
        return values;
    }

    private Object readValue(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getText();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                StringWriter out = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                    generator.copyCurrentStructure(parser);
                }
                yield out.toString();
            }
            default -> throw new InvalidInputException("Unexpected JSON token " + token + " in record "
                    + (recordsRead + 1));
        };
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public Object[] next() {
        Object[] record = buffered.poll();
        if (record == null) {
            try {
                record = readRecord();
            } catch (IOException e) {
                throw failure(e);
            }
            if (record == null) {
                source.checkFullyRead();
                return null;
            }
        }
        position++;
        return record.length == columnNames.size() ? record : Arrays.copyOf(record, columnNames.size());
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public ContentDescription description() {
        return description;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // closing an input: nothing to recover
        } finally {
            source.close();
        }
    }
}
