package io.nifimdm.core.ingest;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * How to read content; every field has a detecting default. Immutable; use {@link #defaults()} and the
 * {@code with} methods.
 *
 * @param format                     {@link InputFormat#AUTO} detects CSV/TSV/JSON/JSON Lines/Parquet from the bytes
 * @param delimiter                  null sniffs among {@code , ; | tab} (TSV always uses tab)
 * @param hasHeader                  false names the columns {@code column_1 .. column_N} and reads line 1 as data
 * @param charset                    null detects (BOM, then strict UTF-8 on the head, else windows-1252/ISO-8859-1)
 * @param renameDuplicateColumns     false (default) rejects duplicate column names; true renames them MDM's way
 *                                   ({@code x}, {@code x.1}, {@code x.2}), comparing names ignoring case
 * @param jsonColumnDiscoveryRecords how many JSON records are read ahead to collect the union of their keys
 * @param extraColumns               JSON only: columns to add after the discovered ones (see
 *                                   {@link UnexpectedColumnException})
 * @param spoolDirectory             Parquet only: where the content is spooled (its footer is at the end);
 *                                   null uses {@code java.io.tmpdir}
 */
public record ReadOptions(InputFormat format, Character delimiter, boolean hasHeader, Charset charset,
                          boolean renameDuplicateColumns, int jsonColumnDiscoveryRecords,
                          List<String> extraColumns, java.nio.file.Path spoolDirectory) {

    public static final int DEFAULT_JSON_COLUMN_DISCOVERY_RECORDS = 10_000;

    public ReadOptions {
        Objects.requireNonNull(format, "format");
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
        }
        if (jsonColumnDiscoveryRecords < 1) {
            throw new IllegalArgumentException("jsonColumnDiscoveryRecords must be at least 1");
        }
        extraColumns = List.copyOf(extraColumns);
    }

    /** AUTO format, sniffed delimiter, a header row, detected charset, duplicates rejected. */
    public static ReadOptions defaults() {
        return new ReadOptions(InputFormat.AUTO, null, true, null, false, DEFAULT_JSON_COLUMN_DISCOVERY_RECORDS,
                List.of(), null);
    }

    public ReadOptions withFormat(InputFormat newFormat) {
        return new ReadOptions(newFormat, delimiter, hasHeader, charset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, extraColumns, spoolDirectory);
    }

    public ReadOptions withDelimiter(Character newDelimiter) {
        return new ReadOptions(format, newDelimiter, hasHeader, charset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, extraColumns, spoolDirectory);
    }

    public ReadOptions withHeader(boolean newHasHeader) {
        return new ReadOptions(format, delimiter, newHasHeader, charset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, extraColumns, spoolDirectory);
    }

    public ReadOptions withCharset(Charset newCharset) {
        return new ReadOptions(format, delimiter, hasHeader, newCharset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, extraColumns, spoolDirectory);
    }

    public ReadOptions withRenameDuplicateColumns(boolean rename) {
        return new ReadOptions(format, delimiter, hasHeader, charset, rename, jsonColumnDiscoveryRecords,
                extraColumns, spoolDirectory);
    }

    public ReadOptions withJsonColumnDiscoveryRecords(int records) {
        return new ReadOptions(format, delimiter, hasHeader, charset, renameDuplicateColumns, records,
                extraColumns, spoolDirectory);
    }

    public ReadOptions withExtraColumns(List<String> columns) {
        return new ReadOptions(format, delimiter, hasHeader, charset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, columns, spoolDirectory);
    }

    public ReadOptions withSpoolDirectory(java.nio.file.Path directory) {
        return new ReadOptions(format, delimiter, hasHeader, charset, renameDuplicateColumns,
                jsonColumnDiscoveryRecords, extraColumns, directory);
    }
}
