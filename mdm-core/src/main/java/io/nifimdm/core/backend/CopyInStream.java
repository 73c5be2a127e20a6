package io.nifimdm.core.backend;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The part every PostgreSQL {@code COPY ... FROM STDIN} sink shares: a fixed buffer the sink encodes rows into, sent
 * to the server whenever it fills, so memory stays flat whatever the row count; the end of the copy; and its
 * cancellation when the sink closes unfinished, which leaves the caller's transaction to roll back.
 */
abstract class CopyInStream implements RowSink {

    private static final int BUFFER_BYTES = 1 << 20;

    private final CopyIn copy;
    protected final byte[] buffer = new byte[BUFFER_BYTES];
    protected int position;
    protected long rows;
    private boolean finished;

    protected CopyInStream(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** Sends what the buffer holds. */
    protected final void send() throws SQLException {
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    /** Writes whatever the format puts after the last row; the buffer has room for 8 bytes. */
    protected void writeTrailer() {
    }

    @Override
    public final void finish() throws SQLException {
        if (finished) {
            return;
        }
        if (position > buffer.length - 8) {
            send();
        }
        writeTrailer();
        send();
        copy.endCopy();
        finished = true;
    }

    @Override
    public final long rowCount() {
        return rows;
    }

    @Override
    public final void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
