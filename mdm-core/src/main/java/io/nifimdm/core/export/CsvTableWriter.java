package io.nifimdm.core.export;

import io.nifimdm.core.backend.TemporalText;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with {@code \n} line ends. Doubles at full precision (the shortest text that reads back as the
 * same double), dates {@code yyyy-MM-dd}, timestamps {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, booleans
 * {@code true}/{@code false}. A null is an empty field and an empty string is {@code ""}, so the two stay apart.
 */
final class CsvTableWriter implements TableWriter {

    private final boolean header;
    private final char delimiter;

    CsvTableWriter(boolean header, char delimiter) {
        this.header = header;
        this.delimiter = delimiter;
    }

    @Override
    public long write(RowCursor rows, OutputStream out) throws IOException {
        // rows are built as text and encoded a line at a time: String.getBytes is a bulk copy for ASCII lines,
        // where a Writer's encoder goes character by character
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        List<ResultColumn> columns = rows.columns();
        StringBuilder line = new StringBuilder(256);
        if (header) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                text(line, columns.get(i).name(), true);
            }
            buffered.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        int width = columns.size();
        long count = 0;
        while (rows.next()) {
            line.setLength(0);
            for (int i = 0; i < width; i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                Object value = rows.value(i);
                switch (value) {
                    case null -> {
                    }
                    case String s -> text(line, s, false);
                    case Double d -> appendDouble(line, d);
                    case Long l -> line.append(l.longValue());
                    case LocalDate d -> line.append(TemporalText.date(d));
                    case LocalDateTime t -> line.append(TemporalText.timestamp(t));
                    default -> line.append(value);
                }
            }
            buffered.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            count++;
        }
        buffered.flush();
        return count;
    }

    /**
     * The shortest text that reads back as the same double, in plain notation where Java would switch to an exponent
     * for everyday magnitudes (12345678.5 rather than 1.23456785E7); integral values keep their ".0" so the column
     * reads back as decimal.
     */
    static void appendDouble(StringBuilder line, double value) {
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            line.append(text);
            return;
        }
        int power = Integer.parseInt(text.substring(exponent + 1));
        if (power < -9 || power > 18) {
            line.append(text);
            return;
        }
        String plain = new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
        line.append(plain);
        if (plain.indexOf('.') < 0) {
            line.append(".0");
        }
    }

    private void text(StringBuilder line, String value, boolean headerName) {
        boolean quote = value.isEmpty() && !headerName;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }
}
