package io.nifimdm.cli;

import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.TableInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "info", sortOptions = false,
        header = "Show a dataset: its record, its tables and their columns.",
        description = "The record (target, ID columns, problem type, tags...), where the dataset is stored and how"
                + " much room it takes, then each table with its columns' storage type, meaning and role.")
final class InfoCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--no-columns", description = "Leave out the columns of each table (table output).")
    boolean noColumns;

    @Override
    public Integer call() throws SQLException {
        StoreLocation location = location();
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            DatasetMetadata metadata = dataset.metadata();
            DatasetInfo info;
            List<TableInfo> tables;
            Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
            try (Connection connection = dataset.openReadConnection()) {
                info = metadata.readInfo(connection);
                tables = metadata.tables(connection);
                for (TableInfo table : tables) {
                    columns.put(table.name(), metadata.columns(connection, table.name()));
                }
            }
            String transit = store.transitUri(dataset.name(), "t");
            String datasetLocation = transit.substring(0, transit.length() - 2);
            long size = DatasetSize.bytes(location, dataset);
            print(store, info, tables, columns, datasetLocation, size);
        }
        return ExitCodes.OK;
    }

    private void print(DatasetStore store, DatasetInfo info, List<TableInfo> tables,
                       Map<String, List<ColumnInfo>> columns, String datasetLocation, long size) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", info.name());
        fields.put("display_name", info.displayName());
        fields.put("backend", info.backend().id());
        fields.put("engine_version", store.engineVersion());
        fields.put("location", datasetLocation);
        fields.put("description", info.description());
        fields.put("tags", info.tags());
        fields.put("target_column", info.targetColumn());
        fields.put("id_columns", info.idColumns());
        fields.put("problem_type", DatasetRows.problemType(info));
        fields.put("time_column", info.timeColumn());
        fields.put("group_column", info.groupColumn());
        fields.put("registered_at", info.createdAt());
        fields.put("updated_at", info.updatedAt());
        fields.put("version", info.version());
        fields.put("size_bytes", size);
        PrintStream out = io().out();
        switch (format()) {
            case JSON -> {
                List<Object> tableDocuments = new ArrayList<>();
                for (TableInfo table : tables) {
                    Map<String, Object> document = Json.object();
                    document.put("name", table.name());
                    document.put("kind", table.kind());
                    document.put("rows", table.rowCount());
                    document.put("columns", table.columnCount());
                    document.put("source_table", table.sourceTable());
                    document.put("created_at", table.createdAt());
                    document.put("updated_at", table.updatedAt());
                    document.put("column_details", columnTable(columns.get(table.name())).records());
                    tableDocuments.add(document);
                }
                Map<String, Object> document = new LinkedHashMap<>(fields);
                document.put("tables", tableDocuments);
                Json.print(out, document);
            }
            case CSV -> {
                TextTable table = new TextTable().column("Field", "field").column("Value", "value");
                fields.forEach(table::row);
                table.printCsv(out);
            }
            case TABLE -> {
                out.println("Dataset " + info.name());
                String[][] lines = {
                        {"Display name", info.displayName()},
                        {"Backend", info.backend().id() + " (" + store.engineVersion() + ")"},
                        {"Location", datasetLocation},
                        {"Description", info.description().isEmpty() ? "(none)" : info.description()},
                        {"Tags", info.tags().isEmpty() ? "(none)" : String.join(", ", info.tags())},
                        {"Target column", orNone(info.targetColumn())},
                        {"ID columns", info.idColumns().isEmpty() ? "(none)" : String.join(", ", info.idColumns())},
                        {"Problem type", info.problemType() == null ? "(unknown)" : info.problemType().id()},
                        {"Time column", orNone(info.timeColumn())},
                        {"Group column", orNone(info.groupColumn())},
                        {"Registered", TextTable.human(info.createdAt())},
                        {"Updated", TextTable.human(info.updatedAt())},
                        {"Size", Numbers.bytes(size)},
                        {"Format version", info.version()}};
                for (String[] line : lines) {
                    out.printf("  %-15s %s%n", line[0] + ":", line[1]);
                }
                out.println();
                TextTable tableList = new TextTable()
                        .column("Table", "name").column("Kind", "kind").column("Rows", "rows")
                        .column("Columns", "columns").column("Source", "source_table").column("Updated", "updated_at");
                for (TableInfo table : tables) {
                    tableList.row(table.name(), table.kind().id(), table.rowCount(), (long) table.columnCount(),
                            table.sourceTable(), table.updatedAt());
                }
                if (tables.isEmpty()) {
                    out.println("No tables yet");
                } else {
                    out.println("Tables");
                    tableList.printHuman(out, "  ");
                }
                if (!noColumns) {
                    for (TableInfo table : tables) {
                        out.println();
                        out.println("Columns of " + table.name());
                        columnTable(columns.get(table.name())).printHuman(out, "  ");
                    }
                }
            }
        }
    }

    private static TextTable columnTable(List<ColumnInfo> columns) {
        TextTable table = new TextTable()
                .column("Column", "name")
                .column("Storage type", "storage_type")
                .column("Semantic type", "semantic_type")
                .column("Role", "role");
        for (ColumnInfo column : columns) {
            table.row(column.name(), column.storageType().name().toLowerCase(java.util.Locale.ROOT),
                    column.semanticType().id(), column.role().id());
        }
        return table;
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
