package io.nifimdm.core.register;

/** What registering into an existing table does. */
public enum RegistrationMode {
    /** The table must not exist yet. */
    CREATE,
    /** Builds the new table aside and swaps it in atomically (MDM's {@code --force}). */
    REPLACE,
    /** Adds rows; the table is created when missing; the schema must match or widen safely. */
    APPEND
}
