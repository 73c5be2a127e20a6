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
 * DuckDB's own Parquet writer ({@code COPY ... TO}) into a temporary file that is then streamed into the caller's
 * stream: about 2.5 times faster than rows through JDBC and parquet-avro (PROBES.md: 1.3 s against 3.5 s for 1M rows)
 * and the same file content: the same Parquet types (INT64, DOUBLE, BOOLEAN, UTF-8, DATE, TIMESTAMP micros without
 * time zone), names and values, all columns optional. DuckDB writes in parallel and spills to its temp directory,
 * so memory stays bounded; the temporary file lives only for the call.
 */
final class DuckDbParquetCopy {

    private DuckDbParquetCopy() {
    }

    static long copy(Dataset dataset, String table, ExportCompression compression, OutputStream out)
            throws IOException {
        String codec = switch (compression) {
            case NONE -> "uncompressed";
            case SNAPPY -> "snappy";
            case GZIP -> "gzip";
            case ZSTD -> "zstd";
            default -> throw new MdmException("Compression " + compression.id() + " is not supported for parquet");
        };
        Path file = Files.createTempFile("mdm-export-", ".parquet");
        try {
            long rows;
            try (Connection connection = dataset.openReadConnection();
                 Statement statement = connection.createStatement()) {
                // the path is ours (a temp file name), so it is safe as a literal; quotes doubled all the same
                statement.execute("COPY (SELECT * FROM " + dataset.backend().qualified(dataset.schema(), table)
                        + ") TO '" + file.toAbsolutePath().toString().replace("'", "''")
                        + "' (FORMAT parquet, COMPRESSION " + codec + ")");
                rows = statement.getUpdateCount();
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (state != null && state.startsWith("08")) {
                    throw new TransientStoreException("Export of '" + table + "' failed: " + e.getMessage(), e);
                }
                throw new MdmException("Export of '" + table + "' failed: " + e.getMessage(), e);
            }
            Files.copy(file, out);
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
