package io.nifimdm.core.ingest;

/** Format of tabular content. {@link #AUTO} asks {@link TabularReaders} to detect it from the bytes. */
public enum InputFormat {
    AUTO, CSV, TSV, JSON, JSON_LINES, PARQUET;

    /** Lower-case name with {@code _} as {@code -} ({@code json-lines}), for attributes. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
