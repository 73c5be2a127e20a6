package io.nifimdm.cli;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.export.ExportCompression;
import io.nifimdm.core.export.ExportFormat;
import io.nifimdm.core.export.ExportOptions;
import io.nifimdm.core.export.MetadataExport;
import io.nifimdm.core.export.TableExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "export", sortOptions = false,
        header = "Export a dataset's tables to CSV, JSON, JSON Lines or Parquet files.",
        description = "Writes <dataset>_<table>.<ext> for each table (data and feature tables, or those named with"
                + " --tables) and <dataset>_metadata.json into the output directory, streaming rows from the engine"
                + " as the ExportDataset processor does. Each file is written aside and renamed into place when"
                + " complete.")
final class ExportCommand extends StoreCommand {

    enum Kind { all, data, features }

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--file-format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (default),"
            + " json, jsonl or parquet. (--format chooses how this command reports, as everywhere.)")
    String fileFormat;

    @Option(names = "--compression", paramLabel = "COMPRESSION", description = "none, gzip or zip for CSV and JSON"
            + " (default: none); none, snappy, gzip or zstd inside Parquet (default: snappy).")
    String compression;

    @Option(names = "--tables", paramLabel = "TABLES", description = "Only these tables (comma-separated).")
    String tables;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "all", description = "all (default), data or"
            + " features tables.")
    Kind kind;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".", description = "Where the files go"
            + " (default: the current directory; created when missing).")
    Path outputDir;

    @Option(names = "--no-header", description = "CSV without the header row.")
    boolean noHeader;

    @Option(names = "--metadata-only", description = "Write only <dataset>_metadata.json.")
    boolean metadataOnly;

    @Option(names = "--no-metadata", description = "Do not write <dataset>_metadata.json.")
    boolean noMetadata;

    private record Written(String table, Path file, long rows, long bytes) {
    }

    @Override
    public Integer call() throws IOException {
        ExportFormat format = ExportFormat.parse(fileFormat);
        ExportCompression packing = compression != null ? ExportCompression.parse(compression)
                : format == ExportFormat.PARQUET ? ExportCompression.SNAPPY : ExportCompression.NONE;
        ExportOptions options = new ExportOptions(format, packing, !noHeader, ',');
        List<Written> written = new ArrayList<>();
        String datasetName;
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            datasetName = dataset.name();
            TableExporter exporter = new TableExporter(dataset);
            List<TableInfo> available = exporter.tables();
            List<String> selected = select(available, datasetName);
            Files.createDirectories(outputDir);
            if (!metadataOnly) {
                for (String table : selected) {
                    Path target = outputDir.resolve(options.fileName(datasetName, table));
                    long[] rows = {0};
                    long expected = available.stream().filter(t -> t.name().equals(table))
                            .mapToLong(TableInfo::rowCount).findFirst().orElse(0);
                    // rows and rows/s on stderr while a person watches; the engines' own writers report at the end
                    try (Progress progress = Progress.startRows(io(), target.getFileName().toString())) {
                        writeAtomically(target, out -> rows[0] = exporter.export(table, options, out,
                                done -> progress.rows(done, Math.max(expected, done))));
                    }
                    written.add(new Written(table, target, rows[0], Files.size(target)));
                }
            }
            if (!noMetadata) {
                Path target = outputDir.resolve(MetadataExport.fileName(datasetName));
                writeAtomically(target, out -> MetadataExport.write(dataset, selected, Instant.now(), out));
                written.add(new Written(null, target, 0, Files.size(target)));
            }
        }
        print(datasetName, written);
        return ExitCodes.OK;
    }

    private List<String> select(List<TableInfo> available, String dataset) {
        List<String> names = available.stream()
                .filter(t -> kind == Kind.all || (kind == Kind.data) == (t.kind() == TableKind.DATA))
                .map(TableInfo::name).toList();
        if (tables == null) {
            return names;
        }
        List<String> wanted = new ArrayList<>();
        for (String table : CommaList.split(tables)) {
            String match = available.stream().map(TableInfo::name).filter(n -> n.equalsIgnoreCase(table)).findFirst()
                    .orElseThrow(() -> CliException.failed("Table '" + table + "' not found in dataset '" + dataset
                            + "' (tables: " + String.join(", ", available.stream().map(TableInfo::name).toList())
                            + ")"));
            wanted.add(match);
        }
        return wanted;
    }

    @FunctionalInterface
    private interface Writing {
        void write(OutputStream out) throws IOException;
    }

    /** A reader of the directory never sees half a file: write beside it, then rename. */
    private static void writeAtomically(Path target, Writing writing) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                writing.write(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void print(String dataset, List<Written> written) {
        TextTable table = new TextTable().column("Table", "table").column("File", "file").column("Rows", "rows")
                .column("Size", "size_bytes");
        for (Written w : written) {
            table.row(w.table(), w.file().toString(), w.table() == null ? null : (Object) w.rows(),
                    format() == OutputFormat.TABLE ? Numbers.bytes(w.bytes()) : (Object) w.bytes());
        }
        switch (format()) {
            case JSON -> {
                Map<String, Object> document = Json.object();
                document.put("dataset", dataset);
                document.put("files", table.records());
                Json.print(io().out(), document);
            }
            case CSV -> table.printCsv(io().out());
            case TABLE -> {
                PrintStream out = io().out();
                out.println("Exported dataset '" + dataset + "' to " + outputDir.toAbsolutePath().normalize());
                out.println();
                table.printHuman(out, "  ");
            }
        }
    }
}
