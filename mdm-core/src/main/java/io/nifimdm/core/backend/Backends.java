package io.nifimdm.core.backend;

/** The {@link Backend} of each engine. Backends are stateless, so one shared instance per engine serves everyone. */
public final class Backends {

    private static final Backend SQLITE = new SqliteBackend();
    private static final Backend DUCKDB = new DuckDbBackend();
    private static final Backend POSTGRESQL = new PostgresBackend();

    private Backends() {
    }

    public static Backend of(BackendKind kind) {
        return switch (kind) {
            case SQLITE -> SQLITE;
            case DUCKDB -> DUCKDB;
            case POSTGRESQL -> POSTGRESQL;
        };
    }
}
