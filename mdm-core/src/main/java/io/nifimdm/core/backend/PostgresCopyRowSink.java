package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in TEXT format, generated from typed values and streamed through a
 * fixed buffer: UTF-8 is encoded straight into the buffer, which goes to the server whenever it fills, so memory
 * stays flat whatever the row count. Doubles are written with {@link Double#toString}, the shortest text that
 * reads back to the same bits (NaN, Infinity and -0.0 included).
 */
final class PostgresCopyRowSink extends CopyInStream {

    /** Worst case of one char in UTF-8 after escaping is 4 bytes; flush early enough that any char fits. */
    private static final int HEADROOM = 8;

    private final List<ColumnDef> columns;
    private final ColumnType[] types;
    private final char[] scratch = new char[TemporalText.TIMESTAMP_CHARS];

    PostgresCopyRowSink(Connection connection, String copySql, List<ColumnDef> columns) throws SQLException {
        super(connection, copySql);
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
    }

    @Override
    public void add(Object[] row) throws SQLException {
        RowValues.checkWidth(row, columns);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            Object value = row[i];
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
                continue;
            }
            ColumnDef column = columns.get(i);
            switch (types[i]) {
                case BOOLEAN -> put((byte) (RowValues.asBoolean(value, column) ? 't' : 'f'));
                case INTEGER -> putLong(RowValues.asLong(value, column));
                case DECIMAL -> putAscii(Double.toString(RowValues.asDouble(value, column)));
                case DATE -> {
                    java.time.LocalDate date = RowValues.asDate(value, column);
                    int length = TemporalText.writeDate(scratch, date);
                    if (length < 0) {
                        putAscii(TemporalText.date(date));
                    } else {
                        putAscii(scratch, length);
                    }
                }
                case TIMESTAMP -> {
                    java.time.LocalDateTime timestamp = RowValues.asTimestamp(value, column);
                    int length = TemporalText.writeTimestamp(scratch, timestamp);
                    if (length < 0) {
                        putAscii(TemporalText.timestamp(timestamp));
                    } else {
                        putAscii(scratch, length);
                    }
                }
                case TEXT -> putText(RowValues.asText(value, column), column);
            }
        }
        put((byte) '\n');
        rows++;
    }

    private void put(byte b) throws SQLException {
        if (position == buffer.length) {
            send();
        }
        buffer[position++] = b;
    }

    private void putAscii(char[] chars, int length) throws SQLException {
        if (position + length > buffer.length) {
            send();
        }
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) chars[i];
        }
    }

    /** The decimal digits of {@code value}, written straight into the buffer (no String per value). */
    private void putLong(long value) throws SQLException {
        if (position + 20 > buffer.length) {
            send();
        }
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
            return;
        }
        long v = value;
        if (v < 0) {
            buffer[position++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long limit = 10; digits < 19 && v >= limit; limit *= 10) {
            digits++;
        }
        for (int i = position + digits - 1; i >= position; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        position += digits;
    }

    private void putAscii(CharSequence s) throws SQLException {
        if (position + s.length() > buffer.length) {
            send();
        }
        for (int i = 0; i < s.length(); i++) {
            buffer[position++] = (byte) s.charAt(i);
        }
    }

    private void putText(String s, ColumnDef column) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            if (position > buffer.length - HEADROOM) {
                send();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        buffer[position++] = '\\';
                        buffer[position++] = '\\';
                    }
                    case '\n' -> {
                        buffer[position++] = '\\';
                        buffer[position++] = 'n';
                    }
                    case '\r' -> {
                        buffer[position++] = '\\';
                        buffer[position++] = 'r';
                    }
                    case '\t' -> {
                        buffer[position++] = '\\';
                        buffer[position++] = 't';
                    }
                    case '\0' -> throw new MdmException("Column '" + column.name()
                            + "' holds a NUL character, which PostgreSQL text cannot store");
                    default -> buffer[position++] = (byte) c;
                }
            } else {
                position = Utf8.putNonAscii(s, i, buffer, position);
                if (Utf8.isSurrogatePair(s, i)) {
                    i++;
                }
            }
        }
    }
}
