package io.nifimdm.bench;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import io.nifimdm.core.dataset.PostgresSettings;
import io.nifimdm.core.dataset.SqliteSettings;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What every scenario of one benchmark run shares: the generated CSV file, its columns, a work
 * directory for embedded databases, the PostgreSQL server, and the run's options.
 *
 * @param csv the generated data file
 * @param rows rows in the file
 * @param columns storage types of the file's columns
 * @param workDirectory scratch space; each run gets its own sub-directory
 * @param postgresUrl JDBC URL of the PostgreSQL server, credentials as {@code user}/{@code password} query parameters
 * @param slowRowCap rows that scenarios known to be very slow (DuckDB's JDBC batches) process at most
 * @param batchSize rows per JDBC batch or bulk-load buffer
 */
public record BenchContext(Path csv, long rows, List<ColumnDef> columns, Path workDirectory, String postgresUrl,
        long slowRowCap, int batchSize) {

    /** The table every load scenario creates. */
    public static final String TABLE = "data";

    /** A new store over a fresh directory (embedded) or a fresh schema prefix (PostgreSQL); the caller closes it. */
    public DatasetStore openStore(BackendKind kind) throws IOException {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case SQLITE -> DatasetStores.sqlite(Files.createDirectories(workDirectory.resolve("sqlite-" + unique)),
                    SqliteSettings.defaults(), 4);
            case DUCKDB -> DatasetStores.duckdb(Files.createDirectories(workDirectory.resolve("duckdb-" + unique)),
                    DuckDbSettings.defaults(), 4);
            case POSTGRESQL -> DatasetStores.postgres(new PostgresSettings(urlWithoutQuery(), queryParameter("user", "postgres"),
                    queryParameter("password", null), "bench" + unique + "_", "disable", 4, Duration.ofSeconds(5),
                    Duration.ZERO));
        };
    }

    /** A fresh dataset name. */
    public static String datasetName() {
        return "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** The PostgreSQL URL without its query string (so without credentials), safe to print. */
    public String urlWithoutQuery() {
        int query = postgresUrl.indexOf('?');
        return query < 0 ? postgresUrl : postgresUrl.substring(0, query);
    }

    /** The PostgreSQL user from the URL's query string, {@code postgres} when it names none. */
    public String postgresUser() {
        return queryParameter("user", "postgres");
    }

    String queryParameter(String name, String fallback) {
        int query = postgresUrl.indexOf('?');
        if (query < 0) {
            return fallback;
        }
        for (String pair : postgresUrl.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    /** Rows a capped scenario processes on a slow path. */
    public long cappedRows() {
        return Math.min(rows, slowRowCap);
    }
}
