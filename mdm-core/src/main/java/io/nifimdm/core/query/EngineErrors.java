package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Engine errors of a query as the caller acts on them: retry later (connection, lock, resources) or fix the query. */
final class EngineErrors {

    private EngineErrors() {
    }

    static MdmException translate(SQLException e, String context) {
        String state = e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean transientError = e instanceof SQLTransientException
                || (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                || state.startsWith("53") || state.startsWith("57P")))
                || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
        return transientError ? new TransientStoreException(context + ": " + message, e)
                : new MdmException(context + ": " + message, e);
    }
}
