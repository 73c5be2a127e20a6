package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Turns engine errors into the two exceptions callers act on: retry later, or fix something. */
final class StoreErrors {

    private StoreErrors() {
    }

    /** Whether an engine error may pass by itself: connection lost, lock or serialisation conflict, server busy. */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        // connection, serialisation/deadlock, resources, shutdown, lock not available, statement timeout
        if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                || state.startsWith("53") || state.startsWith("57P") || state.equals("55P03")
                || state.equals("57014"))) {
            return true;
        }
        // SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6) when another connection holds the lock past busy_timeout
        String message = e.getMessage();
        return message != null && (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED"));
    }

    /** An error of work done on a dataset, as the caller sees it. Runtime exceptions other than SQL pass as they are. */
    static RuntimeException translate(Throwable error, String context) {
        if (error instanceof MdmException mdm) {
            return mdm;
        }
        if (error instanceof SQLException sql) {
            return isTransient(sql) ? new TransientStoreException(context + ": " + sql.getMessage(), sql)
                    : new MdmException(context + ": " + sql.getMessage(), sql);
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new TransientStoreException(context + ": interrupted", error);
        }
        return new MdmException(context + ": " + error, error);
    }
}
