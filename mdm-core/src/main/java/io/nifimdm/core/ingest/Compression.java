package io.nifimdm.core.ingest;

/** Compression found by magic bytes. */
public enum Compression {
    NONE, GZIP, ZIP;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
