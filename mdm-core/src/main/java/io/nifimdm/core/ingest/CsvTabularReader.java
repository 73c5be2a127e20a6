package io.nifimdm.core.ingest;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * CSV/TSV through FastCSV (RFC 4180: quoted fields with delimiters, line breaks and doubled quotes).
 * An unquoted empty field is missing (null); a quoted empty field {@code ""} is an empty string. Blank lines
 * are skipped. Every row must have as many fields as the header, else an error names the line.
 */
final class CsvTabularReader implements TabularReader {

    private final ContentSource source;
    private final CsvReader<Object[]> csv;
    private final CloseableIterator<Object[]> records;
    private final RowHandler handler = new RowHandler();
    private final List<String> columnNames;
    private final ContentDescription description;
    private Object[] pending;
    private long pendingLine;
    private long position;

    CsvTabularReader(ContentSource source, Reader text, char delimiter, ReadOptions options,
                     ContentDescription description) {
        this.source = source;
        this.description = description;
        this.csv = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(handler, text);
        this.records = csv.iterator();
        Object[] first = fetch();
        if (first == null) {
            throw new InvalidInputException("The content has no rows: it is empty or holds only blank lines");
        }
        if (options.hasHeader()) {
            String[] names = new String[first.length];
            for (int i = 0; i < first.length; i++) {
                names[i] = (String) first[i];
            }
            this.columnNames = ColumnNames.validate(Arrays.asList(names), options.renameDuplicateColumns());
            this.pending = fetch();
            if (pending == null) {
                throw new InvalidInputException("The content has a header (" + first.length
                        + " columns) but no data rows");
            }
        } else {
            this.columnNames = ColumnNames.generated(first.length);
            this.pending = first;
        }
    }

    private Object[] fetch() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            Object[] row = records.next();
            pendingLine = handler.line;
            return row;
        } catch (CsvParseException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof CharsetMismatchException mismatch) {
                    throw mismatch;
                }
            }
            throw new InvalidInputException("Malformed " + description.format().id().toUpperCase(java.util.Locale.ROOT) + " near line "
                    + (handler.line > 0 ? handler.line : 1) + ": " + rootMessage(e), e);
        } catch (UncheckedIOException e) {
            throw ContentSource.translate(e.getCause());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public Object[] next() {
        Object[] row = pending;
        if (row == null) {
            source.checkFullyRead();
            return null;
        }
        position = pendingLine;
        if (row.length != columnNames.size()) {
            throw new InvalidInputException("Line " + position + " has " + row.length + " field"
                    + (row.length == 1 ? "" : "s") + " but the header has " + columnNames.size()
                    + " columns (check quoting and the delimiter "
                    + (description.delimiter() == '\t' ? "tab" : "'" + description.delimiter() + "'") + ")");
        }
        pending = fetch();
        return row;
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
            csv.close();
        } catch (IOException e) {
            // closing a stream we only read from: nothing to recover
        } finally {
            source.close();
        }
    }

    /** Builds Object[] rows of Strings, keeping FastCSV's knowledge of whether a field was quoted. */
    private static final class RowHandler extends AbstractBaseCsvCallbackHandler<Object[]> {
        private Object[] fields = new Object[64];
        long line;

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (fieldIdx >= fields.length) {
                fields = Arrays.copyOf(fields, Math.max(fieldIdx + 1, fields.length * 2));
            }
            fields[fieldIdx] = len == 0 ? (quoted ? "" : null) : new String(buf, offset, len);
        }

        @Override
        protected Object[] buildRecord() {
            return Arrays.copyOf(fields, getFieldCount());
        }
    }
}
