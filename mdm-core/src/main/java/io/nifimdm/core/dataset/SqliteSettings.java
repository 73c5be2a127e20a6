package io.nifimdm.core.dataset;

/**
 * SQLite pragmas applied to every connection of an SQLite store.
 *
 * @param journalMode       WAL (default: readers alongside one writer), DELETE, TRUNCATE, PERSIST or MEMORY.
 *                          OFF is refused: rollback and crash safety need the journal
 * @param synchronous       OFF, NORMAL (default with WAL), FULL or EXTRA
 * @param cacheSizeKib      page cache per connection in KiB (pragma cache_size = -value)
 * @param mmapSizeBytes     memory-mapped I/O size, 0 = off
 * @param busyTimeoutMillis how long a connection waits for a lock held by another before failing
 */
public record SqliteSettings(String journalMode, String synchronous, long cacheSizeKib, long mmapSizeBytes,
                             int busyTimeoutMillis) {

    public static SqliteSettings defaults() {
        return new SqliteSettings("WAL", "NORMAL", 2_048, 268_435_456L, 30_000);
    }
}
