package io.nifimdm.cli;

/** An error the command line reports as one line on stderr, with the exit code it ends the process with. */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException failed(String message) {
        return new CliException(ExitCodes.FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
