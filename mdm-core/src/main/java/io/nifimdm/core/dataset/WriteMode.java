package io.nifimdm.core.dataset;

/** How a write transaction coexists with others on the same dataset. */
public enum WriteMode {
    /**
     * Adds rows to existing tables. On PostgreSQL appends run concurrently (shared advisory lock);
     * on embedded engines writers take turns (one writer per database file), readers go on.
     */
    APPEND,
    /** Creates, replaces or drops tables, rebuilds features: alone on the dataset (exclusive lock). */
    EXCLUSIVE
}
