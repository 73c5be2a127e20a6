package io.nifimdm.cli;

import java.io.Console;

/** Whether a person watches the process's stderr. */
final class CliIoTerminal {

    private CliIoTerminal() {
    }

    /**
     * Up to JDK 21 {@link System#console()} is null when a standard stream is redirected; from JDK 22 it exists
     * anyway and {@code Console.isTerminal()} answers, so ask that when present. The launcher also tells (it can
     * test stderr itself with {@code [ -t 2 ]}) through {@code MDM_STDERR_TTY}.
     */
    static boolean stderrIsTerminal() {
        String told = System.getenv("MDM_STDERR_TTY");
        if (told != null) {
            return told.equals("1");
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
