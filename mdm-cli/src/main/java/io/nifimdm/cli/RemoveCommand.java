package io.nifimdm.cli;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.TableInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

@Command(name = "remove", sortOptions = false,
        header = "Remove a dataset with all its tables and metadata.",
        description = "Deletes the dataset's database file (SQLite, DuckDB) or drops its schema (PostgreSQL). Asks first when run from a terminal; --force skips the question (needed in scripts).")
final class RemoveCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--dry-run", description = "Only show what would be removed.")
    boolean dryRun;

    @Option(names = {"--force", "-y"}, description = "Do not ask for confirmation.")
    boolean force;

    @Override
    public Integer call() throws SQLException {
        StoreLocation location = location();
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            DatasetInfo info;
            List<TableInfo> tables;
            try (Connection connection = dataset.openReadConnection()) {
                info = dataset.metadata().readInfo(connection);
                tables = dataset.metadata().tables(connection);
            }
            long size = DatasetSize.bytes(location, dataset);
            List<String> storage = location.kind().isEmbedded()
                    ? DatasetSize.files(location, dataset.name()).stream().map(Path::toString).toList()
                    : List.of("schema " + dataset.schema());
            if (!dryRun && !force) {
                if (!io().interactive()) {
                    throw CliException.failed("Refusing to remove dataset '" + dataset.name() + "' without"
                            + " confirmation: add --force (or --dry-run to see what would go)");
                }
                if (!io().confirm("Remove dataset '" + dataset.name() + "' (" + tables.size() + " tables, "
                        + Numbers.bytes(size) + ")?")) {
                    io().err().println("Not removed");
                    return ExitCodes.FAILED;
                }
            }
            if (!dryRun) {
                store.drop(dataset.name());
            }
            print(info, tables, storage, size);
        }
        return ExitCodes.OK;
    }

    private void print(DatasetInfo info, List<TableInfo> tables, List<String> storage, long size) {
        long rows = tables.stream().mapToLong(TableInfo::rowCount).sum();
        switch (format()) {
            case JSON -> {
                Map<String, Object> document = Json.object();
                document.put("dataset", info.name());
                document.put("dry_run", dryRun);
                document.put("removed", !dryRun);
                document.put("tables", tables.stream().map(TableInfo::name).toList());
                document.put("rows", rows);
                document.put("storage", storage);
                document.put("size_bytes", size);
                Json.print(io().out(), document);
            }
            case CSV -> {
                TextTable table = new TextTable().column("Dataset", "dataset").column("Removed", "removed")
                        .column("Tables", "tables").column("Rows", "rows").column("Size bytes", "size_bytes");
                table.row(info.name(), !dryRun, tables.stream().map(TableInfo::name).toList(), rows, size);
                table.printCsv(io().out());
            }
            case TABLE -> {
                PrintStream out = io().out();
                out.println((dryRun ? "Would remove" : "Removed") + " dataset '" + info.name() + "': "
                        + tables.size() + (tables.size() == 1 ? " table, " : " tables, ") + Numbers.count(rows)
                        + " rows, " + Numbers.bytes(size));
                for (String entry : storage) {
                    out.println("  " + entry);
                }
            }
        }
    }
}
