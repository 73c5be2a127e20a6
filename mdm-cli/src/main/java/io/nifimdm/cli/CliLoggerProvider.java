package io.nifimdm.cli;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.io.Serial;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLF4J for the command line: mdm-core's warnings (a dataset file skipped while listing) become
 * {@code warning: ...} lines on the run's stderr; debug and info lines appear only with {@code --debug}.
 * NiFi brings its own logging, so this provider lives only in the CLI.
 */
public final class CliLoggerProvider implements SLF4JServiceProvider {

    private static volatile PrintStream sink = System.err;
    private static volatile boolean debug;

    private final ILoggerFactory loggers = new ILoggerFactory() {
        private final Map<String, Logger> byName = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, CliLogger::new);
        }
    };
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Sends log lines of the current run to its stderr. */
    static void configure(PrintStream err, boolean debugEnabled) {
        sink = err;
        debug = debugEnabled;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class CliLogger extends LegacyAbstractLogger {

        @Serial
        private static final long serialVersionUID = 1L;

        CliLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public boolean isInfoEnabled() {
            return debug;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            PrintStream out = sink;
            out.println(level.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
            if (throwable != null && debug) {
                throwable.printStackTrace(out);
            }
        }
    }
}
