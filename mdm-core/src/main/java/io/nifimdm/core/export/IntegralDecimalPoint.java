package io.nifimdm.core.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes PostgreSQL's CSV through and appends {@code .0} to the integral values of decimal columns ({@code 3},
 * {@code -0}), so they read back as decimals and match {@link CsvTableWriter}'s spelling. PostgreSQL writes such
 * doubles without a point; doing this in the COPY's SELECT (a CASE and a text concatenation per value) made the
 * server, which formats every value on one core, a third slower, while this pass runs on the client's core.
 *
 * <p>A field gets the point when it belongs to a decimal column and is a non-empty run of digits with an optional
 * leading minus: null (empty), {@code NaN}, {@code Infinity} and exponent forms ({@code 1e+15}) stay as they are.
 * Quoted fields (text with delimiters, quotes or newlines) are followed through, so their content never counts as a
 * field boundary; the header record, when there is one, passes unchanged.
 */
final class IntegralDecimalPoint extends FilterOutputStream {

    private static final byte QUOTE = '"';
    private static final byte NEWLINE = '\n';
    private static final byte[] POINT_ZERO = {'.', '0'};

    private final boolean[] decimalColumn;
    private final byte delimiter;
    private final byte[] buffer = new byte[1 << 16];
    private int buffered;

    private boolean inHeader;
    private int column;
    private boolean inQuotes;
    private boolean quotedField;
    /** The current field so far is a non-empty run of digits after an optional minus. */
    private boolean integral;
    private boolean fieldStarted;
    private boolean lastDigit;

    IntegralDecimalPoint(OutputStream out, boolean[] decimalColumn, char delimiter, boolean header) {
        super(out);
        this.decimalColumn = decimalColumn.clone();
        this.delimiter = (byte) delimiter;
        this.inHeader = header;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (inQuotes) {
                if (b == QUOTE) {
                    inQuotes = false; // a doubled quote reopens at the next byte
                }
                put(b);
                continue;
            }
            if (b == delimiter || b == NEWLINE) {
                endField();
                put(b);
                if (b == NEWLINE) {
                    column = 0;
                    inHeader = false;
                } else {
                    column++;
                }
                continue;
            }
            if (b == QUOTE) {
                inQuotes = true;
                quotedField = true;
            } else if (!fieldStarted) {
                integral = b == '-' || isDigit(b);
            } else if (integral) {
                integral = isDigit(b);
            }
            lastDigit = isDigit(b);
            fieldStarted = true;
            put(b);
        }
    }

    private void endField() throws IOException {
        boolean digits = integral && fieldStarted && !quotedField && !inHeader && column < decimalColumn.length
                && decimalColumn[column] && lastDigit;
        if (digits) {
            put(POINT_ZERO[0]);
            put(POINT_ZERO[1]);
        }
        fieldStarted = false;
        lastDigit = false;
        integral = false;
        quotedField = false;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void put(byte b) throws IOException {
        if (buffered == buffer.length) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        buffer[buffered++] = b;
    }

    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, buffered);
        buffered = 0;
        out.flush();
    }

    /** Ends a last record without a newline, flushes; does not close the stream it writes to. */
    void finish() throws IOException {
        if (fieldStarted) {
            endField();
        }
        flush();
    }
}
