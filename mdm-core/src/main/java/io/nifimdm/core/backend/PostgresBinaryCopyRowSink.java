package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}, streamed through a fixed buffer like
 * {@link PostgresCopyRowSink}'s text format, for tables of mostly doubles: a double goes as its 8 bytes, so neither
 * side formats or parses it (about a quarter of a feature build's client CPU went to {@link Double#toString}), and
 * the stored bits are exactly the written ones (NaN, infinities, -0.0 included). Values read back exactly as the text
 * format's: timestamps keep microseconds (nanoseconds are truncated as the text format writes them), text is UTF-8
 * with a lone surrogate written as '?', and a NUL character is refused.
 */
public final class PostgresBinaryCopyRowSink extends CopyInStream {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** PostgreSQL's date and timestamp epoch, 2000-01-01, as days and seconds since 1970-01-01. */
    private static final long EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECONDS = EPOCH_DAYS * 86_400;
    /** Largest fixed-width field: a length word and an 8-byte value. */
    private static final int FIXED_FIELD_BYTES = 12;

    private final List<ColumnDef> columns;
    private final ColumnType[] types;

    PostgresBinaryCopyRowSink(Connection connection, String copySql, List<ColumnDef> columns) throws SQLException {
        super(connection, copySql);
        if (columns.size() > Short.MAX_VALUE) {
            throw new MdmException("COPY takes at most " + Short.MAX_VALUE + " columns, not " + columns.size());
        }
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        position = SIGNATURE.length;
        INT.set(buffer, position, 0); // flags
        INT.set(buffer, position + 4, 0); // header extension length
        position += 8;
    }

    /**
     * Opens the binary COPY into {@code schema.table} (existing, columns in {@code columns}' order); the connection
     * must have auto-commit off, the caller commits.
     */
    public static RowSink open(Connection connection, String schema, String table, List<ColumnDef> columns)
            throws SQLException {
        Backend backend = Backends.of(BackendKind.POSTGRESQL);
        StringBuilder sql = new StringBuilder("COPY ").append(backend.qualified(schema, table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(backend.quote(columns.get(i).name()));
        }
        return new PostgresBinaryCopyRowSink(connection, sql.append(") FROM STDIN (FORMAT binary)").toString(),
                columns);
    }

    @Override
    public void add(Object[] row) throws SQLException {
        RowValues.checkWidth(row, columns);
        reserve(2);
        SHORT.set(buffer, position, (short) types.length);
        position += 2;
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            if (types[i] == ColumnType.TEXT && value != null) {
                putText(RowValues.asText(value, columns.get(i)), columns.get(i));
                continue;
            }
            reserve(FIXED_FIELD_BYTES);
            if (value == null) {
                INT.set(buffer, position, -1);
                position += 4;
                continue;
            }
            ColumnDef column = columns.get(i);
            switch (types[i]) {
                case BOOLEAN -> {
                    INT.set(buffer, position, 1);
                    buffer[position + 4] = (byte) (RowValues.asBoolean(value, column) ? 1 : 0);
                    position += 5;
                }
                case INTEGER -> putLong(RowValues.asLong(value, column));
                case DECIMAL -> putLong(Double.doubleToLongBits(RowValues.asDouble(value, column)));
                case DATE -> {
                    INT.set(buffer, position, 4);
                    INT.set(buffer, position + 4, days(RowValues.asDate(value, column), column));
                    position += 8;
                }
                case TIMESTAMP -> putLong(micros(RowValues.asTimestamp(value, column)));
                case TEXT -> throw new IllegalStateException("text is written above");
            }
        }
        rows++;
    }

    private static int days(LocalDate date, ColumnDef column) {
        long days = date.toEpochDay() - EPOCH_DAYS;
        if (days != (int) days) {
            throw new MdmException("Column '" + column.name() + "': date " + date + " is out of PostgreSQL's range");
        }
        return (int) days;
    }

    /** Microseconds since PostgreSQL's epoch; the nanoseconds below a microsecond are dropped, as in text. */
    private static long micros(LocalDateTime timestamp) {
        long seconds = timestamp.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECONDS;
        return seconds * 1_000_000 + timestamp.getNano() / 1_000;
    }

    private void putLong(long value) {
        INT.set(buffer, position, 8);
        LONG.set(buffer, position + 4, value);
        position += 12;
    }

    /**
     * The length word, then UTF-8 written straight into the buffer and the length patched in after; a string longer
     * than the buffer can hold at three bytes a char is encoded aside first.
     */
    private void putText(String s, ColumnDef column) throws SQLException {
        int worstCase = 3 * s.length();
        if (worstCase + 4 > buffer.length) {
            byte[] encoded = new byte[worstCase];
            int length = encode(s, encoded, 0, column);
            reserve(4);
            INT.set(buffer, position, length);
            position += 4;
            for (int from = 0; from < length; ) {
                reserve(1);
                int chunk = Math.min(length - from, buffer.length - position);
                System.arraycopy(encoded, from, buffer, position, chunk);
                position += chunk;
                from += chunk;
            }
            return;
        }
        reserve(worstCase + 4);
        int end = encode(s, buffer, position + 4, column);
        INT.set(buffer, position, end - position - 4);
        position = end;
    }

    /** UTF-8 of {@code s} into {@code out} from {@code at} (room for 3 bytes a char); returns the end. */
    private static int encode(String s, byte[] out, int at, ColumnDef column) {
        int p = at;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new MdmException("Column '" + column.name()
                            + "' holds a NUL character, which PostgreSQL text cannot store");
                }
                out[p++] = (byte) c;
            } else {
                p = Utf8.putNonAscii(s, i, out, p);
                if (Utf8.isSurrogatePair(s, i)) {
                    i++;
                }
            }
        }
        return p;
    }

    private void reserve(int bytes) throws SQLException {
        if (position + bytes > buffer.length) {
            send();
        }
    }

    @Override
    protected void writeTrailer() {
        SHORT.set(buffer, position, (short) -1);
        position += 2;
    }
}
