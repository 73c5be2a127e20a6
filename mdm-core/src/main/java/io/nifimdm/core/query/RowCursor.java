package io.nifimdm.core.query;

import java.util.List;

/**
 * Rows of a running query, read one at a time from the engine (never the whole result in memory). Values come as
 * the Java type each column's {@link io.nifimdm.core.backend.ColumnType} promises, the same on every engine.
 * Not thread-safe; close it to release the connection.
 */
public interface RowCursor extends AutoCloseable {

    List<ResultColumn> columns();

    /** Moves to the next row; false at the end. @throws io.nifimdm.core.MdmException on engine errors */
    boolean next();

    /** Value of column {@code index} (0-based) of the current row, or null. */
    Object value(int index);

    /** The SQL that runs, without values (parameters are {@code ?}). */
    String sql();

    @Override
    void close();
}
