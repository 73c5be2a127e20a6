package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.PostgresTestSupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line in-process against one store: SQLite or DuckDB in a temporary directory, or the test
 * PostgreSQL server under a random schema prefix (dropped by {@link #close()}).
 */
final class Cli implements AutoCloseable {

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final BackendKind kind;
    private final List<String> storeArgs;
    private final Map<String, String> environment;
    private final String schemaPrefix;

    private Cli(BackendKind kind, List<String> storeArgs, Map<String, String> environment, String schemaPrefix) {
        this.kind = kind;
        this.storeArgs = storeArgs;
        this.environment = environment;
        this.schemaPrefix = schemaPrefix;
    }

    /** A store of the engine; aborts the test when PostgreSQL is unreachable (fails it when required). */
    static Cli on(BackendKind kind, Path tempDir) {
        return switch (kind) {
            case SQLITE -> embedded(kind, tempDir.resolve("store-sqlite"));
            case DUCKDB -> embedded(kind, tempDir.resolve("store-duckdb"));
            case POSTGRESQL -> postgres(PostgresTestSupport.randomSchemaPrefix());
        };
    }

    static Cli embedded(BackendKind kind, Path directory) {
        return new Cli(kind, List.of("--store", kind.id() + ":" + directory), Map.of(), null);
    }

    static Cli postgres(String schemaPrefix) {
        PostgresTestSupport.assumeAvailable();
        var settings = PostgresTestSupport.settings(schemaPrefix);
        Map<String, String> environment = new HashMap<>();
        if (settings.password() != null) {
            environment.put(StoreLocation.PASSWORD_VARIABLE, settings.password());
        }
        return new Cli(BackendKind.POSTGRESQL, List.of("--store", PostgresTestSupport.urlWithoutQuery(), "--pg-user",
                settings.user(), "--schema-prefix", schemaPrefix), Map.copyOf(environment), schemaPrefix);
    }

    BackendKind kind() {
        return kind;
    }

    /** Runs {@code mdm ARGS --store ...}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storeArgs);
        return runRaw(environment, all.toArray(String[]::new));
    }

    /** Runs exactly the given arguments. */
    static Result runRaw(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, outStream, errStream, environment);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (schemaPrefix != null) {
            PostgresTestSupport.dropSchemas(schemaPrefix);
        }
    }
}
