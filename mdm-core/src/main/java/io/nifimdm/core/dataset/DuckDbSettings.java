package io.nifimdm.core.dataset;

import java.nio.file.Path;

/**
 * Settings applied once to the root connection of each DuckDB database file. DuckDB's own defaults are wrong
 * for a NiFi node (80% of RAM outside the Java heap, extensions fetched from the network), so every value is set.
 *
 * @param memoryLimit        DuckDB memory_limit, e.g. {@code 2048MiB}
 * @param threads            worker threads per database
 * @param tempDirectory      where DuckDB spills; null = {@code <storage dir>/.duckdb_tmp}
 * @param extensionDirectory where DuckDB looks for extensions; null = {@code <storage dir>/.duckdb_extensions}.
 *                           Auto-install and auto-load are always off
 */
public record DuckDbSettings(String memoryLimit, int threads, Path tempDirectory, Path extensionDirectory) {

    /** The NiFi service's defaults: see its Memory Limit property for why 2 GB. */
    public static DuckDbSettings defaults() {
        return new DuckDbSettings("2048MiB", 2, null, null);
    }
}
