package io.nifimdm.core.backend;

import java.util.Locale;

/** The database engines a dataset can live in. */
public enum BackendKind {
    SQLITE("sqlite", "sqlite"),
    DUCKDB("duckdb", "duckdb"),
    POSTGRESQL("postgresql", null);

    private final String id;
    private final String fileExtension;

    BackendKind(String id, String fileExtension) {
        this.id = id;
        this.fileExtension = fileExtension;
    }

    /** Lower-case identifier used in metadata, attributes and the CLI (`sqlite`, `duckdb`, `postgresql`). */
    public String id() {
        return id;
    }

    /** Extension of the per-dataset database file, or null for server engines. */
    public String fileExtension() {
        return fileExtension;
    }

    public boolean isEmbedded() {
        return fileExtension != null;
    }

    public static BackendKind fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (BackendKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown backend '" + id + "': expected sqlite, duckdb or postgresql");
    }
}
