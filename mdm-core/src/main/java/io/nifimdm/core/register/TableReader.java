package io.nifimdm.core.register;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Rows of one table in order. Raw values: {@link String} for text formats (null = missing), or the Java types
 * {@link io.nifimdm.core.backend.ColumnType} names where the format carries types (JSON, Parquet, NiFi records).
 */
public interface TableReader extends Closeable {

    List<String> columnNames();

    /** The next row, or null at the end. The array is the caller's to keep. */
    Object[] next() throws IOException;
}
