package io.nifimdm.core.export;

import io.nifimdm.core.query.RowCursor;

import java.io.IOException;
import java.io.OutputStream;

/** Writes every row of a cursor to a stream in one file format, streaming; does not close the stream. */
public interface TableWriter {

    /** @return rows written */
    long write(RowCursor rows, OutputStream out) throws IOException;
}
