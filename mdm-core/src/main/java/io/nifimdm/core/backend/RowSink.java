package io.nifimdm.core.backend;

import java.sql.SQLException;

/**
 * The fastest bulk-load path of one engine into one existing table, behind one interface.
 * Rows go in as {@code Object[]} whose values are the Java types {@link ColumnType} names, in the
 * column order the sink was opened with. The sink buffers and sends rows in batches; it never
 * commits: the caller owns the transaction, so a failed load rolls back whole.
 */
public interface RowSink extends AutoCloseable {

    /** Adds one row. The array may be reused by the caller after the call returns. */
    void add(Object[] row) throws SQLException;

    /** Sends every buffered row to the engine; the rows are then part of the caller's transaction. */
    void finish() throws SQLException;

    /** Rows added so far. */
    long rowCount();

    /** Releases engine resources; rows not yet finished are discarded. */
    @Override
    void close() throws SQLException;
}
