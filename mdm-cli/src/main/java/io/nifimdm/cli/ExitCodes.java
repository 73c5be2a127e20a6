package io.nifimdm.cli;

/**
 * What {@code mdm} returns to the shell. Scripts can tell "fix your input" from "try again later" from "that
 * dataset is not there" without parsing messages.
 */
public final class ExitCodes {

    /** Done (also: {@code update} with nothing to change, {@code remove --dry-run}). */
    public static final int OK = 0;
    /** The request or the data is wrong: bad name, missing path, invalid input file, bad filter, bad value. */
    public static final int FAILED = 1;
    /** The command line itself is wrong: unknown command or option, missing argument, value of the wrong type. */
    public static final int USAGE = 2;
    /** The named dataset does not exist in the store. */
    public static final int NOT_FOUND = 3;
    /**
     * The store cannot be used right now: PostgreSQL unreachable, or the storage directory is held by another
     * store (a running NiFi dataset store service, or another mdm command). Retrying later may succeed.
     */
    public static final int STORE_UNAVAILABLE = 4;
    /** A bug: an unexpected error. The message says what; {@code --debug} shows the stack trace. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
