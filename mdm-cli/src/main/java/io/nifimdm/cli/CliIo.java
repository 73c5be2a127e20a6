package io.nifimdm.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Where one run of the command line reads and writes: its output and error streams, its environment and whether a
 * person is watching. Tests pass their own, so a whole run happens in-process.
 *
 * @param interactive stderr is a terminal: progress is drawn and destructive commands ask before acting
 */
record CliIo(PrintStream out, PrintStream err, Map<String, String> environment, boolean interactive) {

    CliIo {
        environment = Map.copyOf(environment);
    }

    String env(String name) {
        return environment.get(name);
    }

    /** Asks a yes/no question on the terminal; anything but y/yes is no. */
    boolean confirm(String question) {
        err.print(question + " [y/N] ");
        err.flush();
        try {
            Console console = System.console();
            String answer = console != null ? console.readLine()
                    : new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
