package io.nifimdm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.profile.TableProfile;
import io.nifimdm.core.profile.TableProfiler;
import io.nifimdm.core.stats.ColumnStatistics;
import io.nifimdm.core.stats.NumericStatistics;
import io.nifimdm.core.stats.StatisticsCalculator;
import io.nifimdm.core.stats.TableStatistics;
import io.nifimdm.core.stats.ValueCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "stats", sortOptions = false,
        header = "Show the statistics of a dataset's tables.",
        description = "Statistics are computed when a table is registered and stored with the dataset; this shows the stored figures (tables without stored statistics are read and computed on the spot). --full adds quartiles, most frequent values, the error bounds of approximate figures, and figures computed now by the engine: exact percentiles (1, 5, 25, 75, 95, 99), skewness and kurtosis of numeric columns, distinct ratio and mode of text columns, the Pearson correlation matrix (first 50 numeric columns) with the pairs above |r| 0.8, and data quality (completeness, exact duplicate rows, near-unique columns).")
final class StatsCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--full", description = "Every figure: quartiles, top values, approximation bounds, percentiles, "
            + "skewness, kurtosis, modes, correlations and data quality (computed now in the engine).")
    boolean full;

    @Option(names = "--table", paramLabel = "TABLE", description = "Only this table.")
    String table;

    @Option(names = "--recompute", description = "Read the tables again instead of showing the stored figures.")
    boolean recompute;

    /** @param profile the figures computed now for --full, else null */
    private record TableStats(String table, boolean stored, TableStatistics statistics, TableProfile profile) {
    }

    @Override
    public Integer call() throws SQLException {
        List<TableStats> results = new ArrayList<>();
        String datasetName;
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            datasetName = dataset.name();
            DatasetMetadata metadata = dataset.metadata();
            try (Connection connection = dataset.openReadConnection()) {
                List<TableInfo> tables = metadata.tables(connection);
                if (table != null) {
                    String wanted = table.trim();
                    tables = tables.stream().filter(t -> t.name().equalsIgnoreCase(wanted)).toList();
                    if (tables.isEmpty()) {
                        throw CliException.failed("Table '" + table + "' not found in dataset '" + datasetName
                                + "'");
                    }
                }
                for (TableInfo info : tables) {
                    Map<String, String> stored = recompute ? Map.of() : metadata.statistics(connection, info.name());
                    List<ColumnDef> columns = metadata.columns(connection, info.name()).stream()
                            .map(c -> new ColumnDef(c.name(), c.storageType())).toList();
                    TableStatistics statistics = stored.isEmpty()
                            ? StatisticsCalculator.ofTable(connection, dataset.backend(), dataset.schema(), info.name(),
                            columns)
                            : TableStatistics.fromJsonByColumn(stored);
                    TableProfile profile = full ? TableProfiler.profile(connection, dataset.backend(),
                            dataset.schema(), info.name(), columns) : null;
                    results.add(new TableStats(info.name(), !stored.isEmpty(), statistics, profile));
                }
            }
        }
        switch (format()) {
            case JSON -> Json.print(io().out(), json(datasetName, results));
            case CSV -> csv(results, full).printCsv(io().out());
            case TABLE -> human(datasetName, results);
        }
        return ExitCodes.OK;
    }

    /** The stored documents' shape (MDM's snake_case fields), one summary and one document per column. */
    private static Map<String, Object> json(String dataset, List<TableStats> results) {
        List<Object> tables = new ArrayList<>();
        for (TableStats result : results) {
            Map<String, String> documents = result.statistics().toJsonByColumn();
            Map<String, Object> table = Json.object();
            table.put("table", result.table());
            table.put("source", result.stored() ? "stored" : "computed");
            table.put("summary", parse(documents.get("")));
            List<Object> columns = new ArrayList<>();
            for (ColumnStatistics column : result.statistics().columns()) {
                Object document = parse(documents.get(column.name()));
                if (result.profile() != null) {
                    StatsProfileOutput.addColumnFigures(castMap(document), result.profile().column(column.name()));
                }
                columns.add(document);
            }
            table.put("columns", columns);
            if (result.profile() != null) {
                StatsProfileOutput.addTableFigures(table, result.profile());
            }
            tables.add(table);
        }
        Map<String, Object> document = Json.object();
        document.put("dataset", dataset);
        document.put("tables", tables);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object document) {
        return (Map<String, Object>) document;
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Statistics document is not JSON", e);
        }
    }

    private static TextTable csv(List<TableStats> results, boolean full) {
        TextTable table = new TextTable()
                .column("Table", "table").column("Column", "column").column("Type", "type")
                .column("Rows", "row_count").column("Nulls", "null_count").column("Null %", "null_percentage")
                .column("Distinct", "distinct_count").column("Min", "min").column("Max", "max")
                .column("Mean", "mean").column("Std", "std").column("Q1", "q1").column("Median", "median")
                .column("Q3", "q3").column("Top value", "top_value").column("Top count", "top_count");
        if (full) {
            StatsProfileOutput.addCsvColumns(table);
        }
        for (TableStats result : results) {
            for (ColumnStatistics column : result.statistics().columns()) {
                Object[] range = range(column);
                NumericStatistics numeric = column.numeric();
                ValueCount top = top(column);
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(result.table(), column.name(),
                        column.type().name().toLowerCase(java.util.Locale.ROOT),
                        column.rowCount(), column.nullCount(), column.nullPercentage(), column.distinctCount(),
                        range[0], range[1],
                        numeric == null ? null : numeric.mean(), numeric == null ? null : numeric.std(),
                        numeric == null ? null : numeric.q1(), numeric == null ? null : numeric.median(),
                        numeric == null ? null : numeric.q3(),
                        top == null ? null : top.value(), top == null ? null : top.count()));
                if (full) {
                    row.addAll(StatsProfileOutput.csvValues(result.profile(), column.name()));
                }
                table.row(row.toArray());
            }
        }
        return table;
    }

    private void human(String dataset, List<TableStats> results) {
        PrintStream out = io().out();
        out.println("Statistics of dataset " + dataset);
        long totalRows = 0;
        long totalCells = 0;
        long missingCells = 0;
        for (TableStats result : results) {
            TableStatistics stats = result.statistics();
            totalRows += stats.rowCount();
            totalCells += stats.totalCells();
            missingCells += stats.missingCells();
            out.println();
            out.println("Table " + result.table() + (result.stored() ? "" : " (computed now: no stored statistics)"));
            out.println("  " + Numbers.count(stats.rowCount()) + " rows, " + stats.columnCount() + " columns, "
                    + Numbers.count(stats.missingCells()) + " missing cells (" + Numbers.percent(stats.missingPercentage())
                    + "), completeness " + Numbers.percent(100 * stats.completeness()) + ", "
                    + Numbers.count(stats.duplicateRows()) + (stats.duplicateRowsApproximate() ? " (approx.)" : "")
                    + " duplicate rows (" + Numbers.percent(stats.duplicatePercentage()) + "), "
                    + Numbers.count(stats.rowsWithMissing()) + " rows with missing values");
            TextTable columns = new TextTable()
                    .column("Column", "column").column("Type", "type").column("Nulls", "null_count")
                    .column("Null %", "null_percentage").column("Distinct", "distinct_count")
                    .column("Min", "min").column("Max", "max").column("Mean", "mean").column("Std", "std");
            if (full) {
                columns.column("Q1", "q1").column("Median", "median").column("Q3", "q3");
            } else {
                columns.column("Median", "median");
            }
            columns.column("Top value", "top_value", 24);
            for (ColumnStatistics column : stats.columns()) {
                Object[] range = range(column);
                NumericStatistics numeric = column.numeric();
                ValueCount top = top(column);
                List<Object> row = new ArrayList<>(List.of(column.name(),
                        column.type().name().toLowerCase(java.util.Locale.ROOT), column.nullCount(),
                        Numbers.percent(column.nullPercentage()),
                        column.distinctApproximate() ? "~" + Numbers.count(column.distinctCount())
                                : Numbers.count(column.distinctCount())));
                row.add(range[0]);
                row.add(range[1]);
                row.add(numeric == null ? null : numeric.mean());
                row.add(numeric == null ? null : numeric.std());
                if (full) {
                    row.add(numeric == null ? null : numeric.q1());
                }
                row.add(numeric == null ? null : numeric.median());
                if (full) {
                    row.add(numeric == null ? null : numeric.q3());
                }
                row.add(top == null ? null : TextTable.human(top.value()) + " (" + Numbers.count(top.count()) + ")");
                columns.row(row.toArray());
            }
            columns.printHuman(out, "  ");
            if (full) {
                details(out, stats);
                StatsProfileOutput.human(out, result.profile());
            }
        }
        out.println();
        double completeness = totalCells == 0 ? 100.0 : 100.0 * (totalCells - missingCells) / totalCells;
        out.println("Total: " + Numbers.count(totalRows) + " rows in " + results.size()
                + (results.size() == 1 ? " table" : " tables") + ", " + Numbers.count(missingCells)
                + " missing cells, completeness " + Numbers.percent(completeness));
    }

    private static void details(PrintStream out, TableStatistics stats) {
        for (ColumnStatistics column : stats.columns()) {
            List<String> notes = new ArrayList<>();
            if (column.topValues() != null && !column.topValues().values().isEmpty()) {
                List<String> values = new ArrayList<>();
                for (ValueCount value : column.topValues().values()) {
                    values.add(TextTable.human(value.value()) + " (" + Numbers.count(value.count()) + ")");
                }
                notes.add("top values: " + String.join(", ", values)
                        + (column.topValues().approximate() ? " (approx., error <= "
                        + Numbers.count(column.topValues().maxError()) + ")" : ""));
            }
            if (column.distinctApproximate()) {
                notes.add("distinct count estimated (HyperLogLog)");
            }
            if (column.numeric() != null && column.numeric().quantilesApproximate()) {
                notes.add("quartiles approximate (rank error <= "
                        + Numbers.percent(100 * column.numeric().quantileRankError()) + ")");
            }
            if (column.temporal() != null) {
                notes.add("range " + Numbers.count(column.temporal().rangeDays()) + " days");
            }
            if (column.booleans() != null) {
                notes.add("true " + Numbers.count(column.booleans().trueCount()) + ", false "
                        + Numbers.count(column.booleans().falseCount()));
            }
            if (!notes.isEmpty()) {
                out.println("  " + column.name() + ": " + String.join("; ", notes));
            }
        }
    }

    private static Object[] range(ColumnStatistics column) {
        if (column.numeric() != null) {
            return new Object[]{column.numeric().min(), column.numeric().max()};
        }
        if (column.temporal() != null) {
            return new Object[]{column.temporal().min().toString(), column.temporal().max().toString()};
        }
        return new Object[]{null, null};
    }

    private static ValueCount top(ColumnStatistics column) {
        if (column.booleans() != null) {
            long trues = column.booleans().trueCount();
            long falses = column.booleans().falseCount();
            return trues >= falses ? new ValueCount("true", trues) : new ValueCount("false", falses);
        }
        if (column.topValues() == null || column.topValues().values().isEmpty()) {
            return null;
        }
        return column.topValues().values().getFirst();
    }
}
