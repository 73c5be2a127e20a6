package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.query.DatasetQueries;
import io.nifimdm.core.query.QuerySpec;
import io.nifimdm.core.query.RowCursor;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports tables of a dataset into streams: rows stream from the engine through the format's writer and the
 * compression into the caller's stream, so memory does not grow with the table. An empty table still gives a valid
 * file: the CSV header, {@code []}, or a Parquet file with the schema and no rows.
 */
public final class TableExporter {

    private final Dataset dataset;
    private final DatasetQueries queries;

    private final boolean nativeWriter;

    public TableExporter(Dataset dataset) {
        this(dataset, true);
    }

    /**
     * @param nativeWriter use the engine's own writer where it is faster and gives the same file (DuckDB Parquet);
     *                     false always streams rows through JDBC and our writers
     */
    public TableExporter(Dataset dataset, boolean nativeWriter) {
        this.dataset = dataset;
        this.queries = new DatasetQueries(dataset);
        this.nativeWriter = nativeWriter;
    }

    /** The dataset's data and feature tables as its metadata records them. */
    public java.util.List<io.nifimdm.core.dataset.TableInfo> tables() {
        try (java.sql.Connection connection = dataset.openReadConnection()) {
            return dataset.metadata().tables(connection);
        } catch (java.sql.SQLException e) {
            throw new MdmException("Listing the tables of dataset '" + dataset.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes one table (all rows, table column order) into {@code out}, which stays open.
     *
     * @return rows written
     * @throws MdmException for an unknown table; IOException when the stream fails
     */
    public long export(String table, ExportOptions options, OutputStream out) throws IOException {
        return export(table, options, out, ExportProgress.NONE);
    }

    /** As {@link #export(String, ExportOptions, OutputStream)}, telling {@code progress} the rows written so far. */
    public long export(String table, ExportOptions options, OutputStream out, ExportProgress progress)
            throws IOException {
        long rows = exportTable(table, options, out, progress);
        progress.rowsWritten(rows);
        return rows;
    }

    private long exportTable(String table, ExportOptions options, OutputStream out, ExportProgress progress)
            throws IOException {
        if (nativeWriter && dataset.backend().kind() == io.nifimdm.core.backend.BackendKind.DUCKDB) {
            if (options.format() == ExportFormat.PARQUET) {
                queries.tableSchema(table);
                return DuckDbCopy.parquet(dataset, table, options.compression(), out);
            }
            if (options.format() == ExportFormat.CSV) {
                queries.tableSchema(table);
                String fileName = options.fileName(dataset.name(), table);
                return DuckDbCopy.csv(dataset, table, options.header(), options.delimiter(),
                        file -> compressed(options, fileName, out, stream -> {
                            java.nio.file.Files.copy(file, stream);
                            return 0;
                        }));
            }
        }
        if (nativeWriter && options.format() == ExportFormat.CSV
                && dataset.backend().kind() == io.nifimdm.core.backend.BackendKind.POSTGRESQL) {
            io.nifimdm.core.query.TableSchema schema = queries.tableSchema(table);
            return compressed(options, options.fileName(dataset.name(), table), out,
                    stream -> PostgresCsvCopy.copy(dataset, schema, options.header(), options.delimiter(), stream));
        }
        // the engine's driver fills rows on a second thread while this one encodes them
        try (RowCursor rows = new ReadAheadRowCursor(queries.open(QuerySpec.table(table)))) {
            return write(new CountingRowCursor(rows, progress), options, options.fileName(dataset.name(), table),
                    out);
        }
    }

    /** Writes a cursor's rows; {@code fileName} names the zip entry (without {@code .zip}). */
    public static long write(RowCursor rows, ExportOptions options, String fileName, OutputStream out)
            throws IOException {
        TableWriter writer = switch (options.format()) {
            case CSV -> new CsvTableWriter(options.header(), options.delimiter());
            case JSON -> new JsonTableWriter(false);
            case JSON_LINES -> new JsonTableWriter(true);
            case PARQUET -> new ParquetTableWriter(options.compression());
        };
        return compressed(options, fileName, out, stream -> writer.write(rows, stream));
    }

    /** Passes rows through, telling the progress every {@link ExportProgress#INTERVAL_ROWS} rows. */
    private static final class CountingRowCursor implements RowCursor {

        private final RowCursor rows;
        private final ExportProgress progress;
        private long count;

        CountingRowCursor(RowCursor rows, ExportProgress progress) {
            this.rows = rows;
            this.progress = progress;
        }

        @Override
        public java.util.List<io.nifimdm.core.query.ResultColumn> columns() {
            return rows.columns();
        }

        @Override
        public boolean next() {
            if (!rows.next()) {
                return false;
            }
            if (++count % ExportProgress.INTERVAL_ROWS == 0) {
                progress.rowsWritten(count);
            }
            return true;
        }

        @Override
        public Object value(int index) {
            return rows.value(index);
        }

        @Override
        public String sql() {
            return rows.sql();
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    @FunctionalInterface
    private interface StreamWork {
        long run(OutputStream stream) throws IOException;
    }

    /** Runs {@code work} on {@code out} wrapped in the export's whole-file compression; leaves {@code out} open. */
    private static long compressed(ExportOptions options, String fileName, OutputStream out, StreamWork work)
            throws IOException {
        OutputStream unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        if (options.format() == ExportFormat.PARQUET || options.compression() == ExportCompression.NONE) {
            return work.run(unclosable);
        }
        if (options.compression() == ExportCompression.GZIP) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(unclosable, 1 << 16)) {
                return work.run(gzip);
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(unclosable)) {
            String entry = fileName.endsWith(".zip") ? fileName.substring(0, fileName.length() - 4) : fileName;
            zip.putNextEntry(new ZipEntry(entry));
            long count = work.run(zip);
            zip.closeEntry();
            return count;
        }
    }
}
