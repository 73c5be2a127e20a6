package io.nifimdm.nifi.services;

import org.apache.nifi.components.DescribedValue;

/** SQLite {@code journal_mode} choices. OFF is not offered: without a journal a failed write cannot roll back. */
public enum SqliteJournalMode implements DescribedValue {
    WAL("Write-ahead log: readers keep reading while one writer commits; the best choice for NiFi's many threads."
            + " Leaves -wal and -shm files beside each dataset file while it is open."),
    DELETE("Rollback journal deleted at the end of each transaction; readers wait while a writer commits."),
    TRUNCATE("Rollback journal truncated instead of deleted; slightly faster than DELETE on some file systems."),
    PERSIST("Rollback journal kept and its header zeroed; avoids file creation on every transaction."),
    MEMORY("Rollback journal kept in memory: faster, but a crash during a write can corrupt the dataset file.");

    private final String description;

    SqliteJournalMode(String description) {
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return name();
    }

    @Override
    public String getDescription() {
        return description;
    }
}
