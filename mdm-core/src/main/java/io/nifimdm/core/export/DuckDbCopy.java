package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.dataset.Dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB's own writers ({@code COPY ... TO}) into a temporary file that is then streamed into the caller's stream.
 * Several times faster than rows through JDBC (DuckDB's JDBC driver spends microseconds per string value), and the
 * same data:
 * <ul>
 *   <li>Parquet: the same Parquet types (INT64, DOUBLE, BOOLEAN, UTF-8, DATE, TIMESTAMP micros without time zone),
 *   names and values, all columns optional.</li>
 *   <li>CSV: the same quoting (fields with the delimiter, quotes or line breaks, and empty strings as {@code ""};
 *   null as an empty field), ISO dates and timestamps, doubles as the shortest text that reads back exactly. Only
 *   the spelling of some numbers differs from {@link CsvTableWriter}: {@code 1e+20} for {@code 1.0E20},
 *   {@code 2024-01-01 10:00:00.5} for {@code ...10:00:00.500000}; every value reads back the same.</li>
 * </ul>
 * DuckDB writes in parallel and spills to its temp directory, so memory stays bounded; the temporary file lives only
 * for the call.
 */
final class DuckDbCopy {

    @FunctionalInterface
    interface FileSink {
        void accept(Path file) throws IOException;
    }

    private DuckDbCopy() {
    }

    static long parquet(Dataset dataset, String table, ExportCompression compression, OutputStream out)
            throws IOException {
        String codec = switch (compression) {
            case NONE -> "uncompressed";
            case SNAPPY -> "snappy";
            case GZIP -> "gzip";
            case ZSTD -> "zstd";
            default -> throw new MdmException("Compression " + compression.id() + " is not supported for parquet");
        };
        return copy(dataset, table, "FORMAT parquet, COMPRESSION " + codec, ".parquet", file -> Files.copy(file, out));
    }

    /** Plain CSV into a temp file; {@code sink} streams it on (through the export's compression). */
    static long csv(Dataset dataset, String table, boolean header, char delimiter, FileSink sink) throws IOException {
        String options = "FORMAT csv, HEADER " + header + ", DELIMITER " + literal(String.valueOf(delimiter));
        return copy(dataset, table, options, ".csv", sink);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static long copy(Dataset dataset, String table, String options, String suffix, FileSink sink)
            throws IOException {
        Path file = Files.createTempFile("mdm-export-", suffix);
        try {
            long rows;
            try (Connection connection = dataset.openReadConnection();
                 Statement statement = connection.createStatement()) {
                // the path is ours (a temp file name), so it is safe as a literal; quotes doubled all the same
                statement.execute("COPY (SELECT * FROM " + dataset.backend().qualified(dataset.schema(), table)
                        + ") TO " + literal(file.toAbsolutePath().toString()) + " (" + options + ")");
                rows = statement.getUpdateCount();
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (state != null && state.startsWith("08")) {
                    throw new TransientStoreException("Export of '" + table + "' failed: " + e.getMessage(), e);
                }
                throw new MdmException("Export of '" + table + "' failed: " + e.getMessage(), e);
            }
            sink.accept(file);
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
