package io.nifimdm.core.ingest;

import java.util.List;

/**
 * Rows of one table read from content, one at a time, in one pass with bounded memory.
 *
 * <p>Raw values: text formats give {@link String} (null = missing; an empty string only for a quoted
 * {@code ""}); JSON gives String, {@link Long}, {@link Double}, {@link Boolean} and nested objects/arrays as
 * their JSON text. Pass the rows to a {@link RowConverter} to get the storage types.
 *
 * <p>Not thread-safe. {@link #next()} and the opening factory throw {@link InvalidInputException} for bad
 * content (with a line or record number) and {@link java.io.UncheckedIOException} when reading the stream
 * itself fails.
 */
public interface TabularReader extends RawRows, AutoCloseable {

    /** Column names, validated: none empty, unique ignoring case (or renamed {@code x.1}, see ReadOptions). */
    List<String> columnNames();

    /**
     * The next row, with exactly {@code columnNames().size()} values, or null after the last row. The array is
     * new for each row and belongs to the caller; treat its values as read-only.
     */
    Object[] next();

    /**
     * Where the row last returned by {@link #next()} starts: the 1-based physical line for CSV/TSV (the header
     * is line 1), the 1-based record number for JSON. 0 before the first row.
     */
    long position();

    /** Format, compression, encoding and delimiter found. */
    ContentDescription description();

    /** Closes the underlying stream too. */
    @Override
    void close();
}
