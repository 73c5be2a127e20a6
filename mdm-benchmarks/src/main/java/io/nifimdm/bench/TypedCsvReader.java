package io.nifimdm.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a CSV file with a header into typed rows (the Java types {@link ColumnType} documents;
 * empty field = null) with FastCSV, the parser the product uses. The types are given, not
 * detected: this measures parsing and conversion, the floor under every load path.
 */
public final class TypedCsvReader {

    /** Receives each row; the array is reused for the next row. */
    @FunctionalInterface
    public interface RowHandler {
        void row(Object[] values) throws Exception;
    }

    private TypedCsvReader() {
    }

    /**
     * Streams up to {@code maxRows} rows of {@code csv} to the handler.
     *
     * @return rows read
     */
    public static long read(Path csv, List<ColumnDef> columns, long maxRows, RowHandler handler) throws Exception {
        ColumnType[] types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        Object[] row = new Object[types.length];
        long count = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv, StandardCharsets.UTF_8)) {
            Iterator<CsvRecord> records = reader.iterator();
            if (!records.hasNext()) {
                return 0;
            }
            records.next(); // header
            while (count < maxRows && records.hasNext()) {
                CsvRecord record = records.next();
                if (record.getFieldCount() != types.length) {
                    throw new IOException("Line " + record.getStartingLineNumber() + " has " + record.getFieldCount()
                            + " fields, expected " + types.length);
                }
                for (int i = 0; i < types.length; i++) {
                    row[i] = convert(record.getField(i), types[i]);
                }
                handler.row(row);
                count++;
            }
        }
        return count;
    }

    static Object convert(String field, ColumnType type) {
        if (field.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> Long.parseLong(field);
            case DECIMAL -> Double.parseDouble(field);
            case BOOLEAN -> Boolean.parseBoolean(field);
            case DATE -> LocalDate.parse(field);
            case TIMESTAMP -> timestamp(field);
            case TEXT -> field;
        };
    }

    /** {@code yyyy-MM-dd HH:mm:ss} by digit arithmetic; anything else through the ISO parser. */
    static LocalDateTime timestamp(String field) {
        if (field.length() == 19 && field.charAt(4) == '-' && field.charAt(10) == ' ') {
            return LocalDateTime.of(digits(field, 0, 4), digits(field, 5, 2), digits(field, 8, 2), digits(field, 11, 2),
                    digits(field, 14, 2), digits(field, 17, 2));
        }
        return LocalDateTime.parse(field.replace(' ', 'T'));
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("Not a timestamp: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
