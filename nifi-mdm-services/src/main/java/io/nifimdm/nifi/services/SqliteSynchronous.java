package io.nifimdm.nifi.services;

import org.apache.nifi.components.DescribedValue;

/** SQLite {@code synchronous} choices: how often SQLite waits for data to reach the disk. */
public enum SqliteSynchronous implements DescribedValue {
    OFF("Never waits for the disk: fastest, but an operating-system crash or power loss can corrupt the dataset."),
    NORMAL("Waits at checkpoints only. With WAL a power loss may undo the last commits but never corrupts the file."),
    FULL("Waits on every commit: a committed registration survives a power loss, at the cost of one disk flush per"
            + " commit."),
    EXTRA("Like FULL, and also flushes the directory after a rollback journal is deleted (DELETE journal mode).");

    private final String description;

    SqliteSynchronous(String description) {
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
