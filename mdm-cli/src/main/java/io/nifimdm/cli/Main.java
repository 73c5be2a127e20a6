package io.nifimdm.cli;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.DatasetNotFoundException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code mdm}. {@link #run} does a whole command in-process and returns its exit code (see
 * {@link ExitCodes}), so tests drive the real command line without starting a JVM.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        int code = run(args, new CliIo(out, System.err, System.getenv(), CliIoTerminal.stderrIsTerminal()));
        out.flush();
        System.exit(code);
    }

    /** Runs one command with the process's environment. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs one command with the given environment (tests set {@code MDM_PG_PASSWORD} here); never interactive. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        return run(args, new CliIo(out, err, environment, false));
    }

    static int run(String[] args, CliIo io) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CliLoggerProvider.configure(io.err(), debug);
        MdmCommand root = new MdmCommand();
        root.io = io;
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .header("Print a bash/zsh completion script: source <(mdm generate-completion)")
                .description("Completes commands, options and enum values. Add the line above to ~/.bashrc.");
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            io.err().println("error: " + oneLine(e.getMessage()) + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            if (debug) {
                e.printStackTrace(io.err());
            }
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> report(e, io, debug));
        try {
            return commandLine.execute(args);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /** One clear line on stderr, the stack trace only with --debug; returns the exit code. */
    static int report(Throwable error, CliIo io, boolean debug) {
        int code;
        String message;
        if (error instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (error instanceof DatasetNotFoundException) {
            code = ExitCodes.NOT_FOUND;
            message = error.getMessage();
        } else if (error instanceof TransientStoreException) {
            code = ExitCodes.STORE_UNAVAILABLE;
            message = error.getMessage();
        } else if (error instanceof MdmException || error instanceof IllegalArgumentException) {
            code = ExitCodes.FAILED;
            message = error.getMessage();
        } else if (error instanceof UncheckedIOException || error instanceof IOException) {
            code = ExitCodes.FAILED;
            Throwable cause = error instanceof UncheckedIOException unchecked ? unchecked.getCause() : error;
            message = "Input/output error: " + cause;
        } else {
            code = ExitCodes.INTERNAL;
            message = "Internal error: " + error + (debug ? "" : " (run with --debug for the stack trace)");
        }
        io.err().println("error: " + oneLine(message));
        if (debug) {
            error.printStackTrace(io.err());
        }
        return code;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
