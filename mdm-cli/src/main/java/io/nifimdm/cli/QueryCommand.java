package io.nifimdm.cli;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.query.DatasetQueries;
import io.nifimdm.core.query.FilterParser;
import io.nifimdm.core.query.NameLists;
import io.nifimdm.core.query.QuerySpec;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;
import io.nifimdm.core.query.Sample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "query", sortOptions = false,
        header = "Query a table: filters, columns, order, aggregations, sampling, paging, or read-only SQL.",
        description = "Builds the query the QueryDataset processor runs, from options: --filter takes MDM's filters"
                + " as JSON ({\"age\": {\">=\": 18}, \"city\": [\"Oslo\", \"Paris\"]}), --columns, --order-by and"
                + " --group-by take comma-separated names (double-quote names with spaces), --agg takes aggregations"
                + " such as count(*), avg(price), quantile(price, 0.9). --sql runs one read-only SELECT instead.")
final class QueryCommand extends StoreCommand {

    /** Rows a person sees without asking for more; scripts (json, csv) get every row unless --limit. */
    static final long TABLE_OUTPUT_LIMIT = 50;

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--table", paramLabel = "TABLE", description = "Table to query (default: train, else data, else"
            + " the only table).")
    String table;

    @Option(names = "--columns", paramLabel = "COLUMNS", description = "Columns to return (default: all).")
    String columns;

    @Option(names = "--filter", paramLabel = "JSON", description = "Row conditions as a JSON object.")
    String filter;

    @Option(names = "--order-by", paramLabel = "KEYS", description = "Sort keys: a, b DESC.")
    String orderBy;

    @Option(names = "--group-by", paramLabel = "COLUMNS", description = "Group rows by these columns.")
    String groupBy;

    @Option(names = "--agg", paramLabel = "AGGREGATIONS", description = "Aggregations per group: count(*), "
            + "avg(x), sum(x), min(x), max(x), stddev(x), median(x), quantile(x, 0.9), count_distinct(x).")
    String aggregations;

    @Option(names = "--sample", paramLabel = "FRACTION|ROWS", description = "A reproducible sample: 0.1 (a tenth of"
            + " the rows) or 1000 (rows).")
    String sample;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of --sample (default:"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (table output shows "
            + TABLE_OUTPUT_LIMIT + " by default).")
    Long limit;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N rows.")
    Long offset;

    @Option(names = "--sql", paramLabel = "SELECT", description = "One read-only SQL statement over the dataset's"
            + " tables, instead of the options above.")
    String sql;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Longest run time of"
            + " --sql where the engine supports one (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        if (sql != null && (table != null || columns != null || filter != null || orderBy != null || groupBy != null
                || aggregations != null || sample != null || offset != null)) {
            throw new CliException(ExitCodes.USAGE, "--sql runs the statement as written: it cannot be combined with"
                    + " --table, --columns, --filter, --order-by, --group-by, --agg, --sample or --offset");
        }
        if ((limit != null && limit < 0) || (offset != null && offset < 0)) {
            throw new CliException(ExitCodes.USAGE, "--limit and --offset cannot be negative");
        }
        Long effectiveLimit = limit;
        boolean cut = false;
        if (effectiveLimit == null && format() == OutputFormat.TABLE) {
            effectiveLimit = TABLE_OUTPUT_LIMIT + 1; // one more, to tell the reader there is more
            cut = true;
        }
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            DatasetQueries queries = new DatasetQueries(dataset);
            RowCursor cursor;
            if (sql != null) {
                cursor = queries.openSql(sql, Duration.ofSeconds(timeoutSeconds));
            } else {
                QuerySpec spec = QuerySpec.table(table(queries, dataset.name()));
                if (columns != null) {
                    spec = spec.withColumns(NameLists.columns(columns));
                }
                if (filter != null) {
                    spec = spec.withFilter(FilterParser.parse(filter));
                }
                if (orderBy != null) {
                    spec = spec.withOrderBy(NameLists.sortKeys(orderBy));
                }
                if (groupBy != null || aggregations != null) {
                    spec = spec.withAggregation(groupBy == null ? List.of() : NameLists.columns(groupBy),
                            aggregations == null ? List.of() : NameLists.aggregations(aggregations));
                }
                if (sample != null) {
                    spec = spec.withSample(Sample.parse(sample, seed));
                }
                spec = spec.withPaging(effectiveLimit, offset);
                cursor = queries.open(spec);
            }
            try (cursor) {
                print(cursor, cut, sql != null ? effectiveLimit : null);
            }
        }
        return ExitCodes.OK;
    }

    private static String table(DatasetQueries queries, String dataset) {
        return queries.tables().stream().filter(t -> t.equals("train")).findFirst()
                .or(() -> queries.tables().stream().filter(t -> t.equals("data")).findFirst())
                .or(() -> queries.tables().size() == 1 ? java.util.Optional.of(queries.tables().getFirst())
                        : java.util.Optional.empty())
                .orElseThrow(() -> CliException.failed("Name the table to query with --table: dataset '" + dataset
                        + "' has " + String.join(", ", queries.tables())));
    }

    /** Streams json and csv row by row; aligns table output, which needs its rows first. */
    private void print(RowCursor cursor, boolean cut, Long sqlLimit) {
        List<ResultColumn> resultColumns = cursor.columns();
        PrintStream out = io().out();
        long max = sqlLimit == null ? Long.MAX_VALUE : sqlLimit;
        switch (format()) {
            case JSON -> {
                out.println("[");
                long count = 0;
                while (count < max && cursor.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < resultColumns.size(); i++) {
                        row.put(resultColumns.get(i).name(), Json.value(cursor.value(i)));
                    }
                    try {
                        out.print((count++ == 0 ? "  " : ",\n  ") + Json.MAPPER.writer().writeValueAsString(row));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("Cannot write JSON output", e);
                    }
                }
                out.println(count == 0 ? "]" : "\n]");
            }
            case CSV -> {
                List<String> header = new ArrayList<>();
                resultColumns.forEach(c -> header.add(TextTable.csv(c.name())));
                out.print(String.join(",", header) + "\r\n");
                long count = 0;
                while (count++ < max && cursor.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < resultColumns.size(); i++) {
                        if (i > 0) {
                            line.append(',');
                        }
                        Object value = cursor.value(i);
                        line.append(TextTable.csv(value instanceof Temporal ? value.toString() : TextTable.plain(value)));
                    }
                    out.print(line + "\r\n");
                }
            }
            case TABLE -> {
                TextTable table = new TextTable();
                resultColumns.forEach(c -> table.column(c.name(), c.name(), 40));
                long count = 0;
                boolean more = false;
                while (cursor.next()) {
                    if (cut && count == TABLE_OUTPUT_LIMIT || count >= max) {
                        more = true;
                        break;
                    }
                    Object[] row = new Object[resultColumns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = cursor.value(i);
                    }
                    table.row(row);
                    count++;
                }
                if (count == 0) {
                    out.println("No rows");
                    return;
                }
                table.printHuman(out, "");
                out.println();
                out.println(Numbers.count(count) + (count == 1 ? " row" : " rows") + (more
                        ? " shown; more match (use --limit, or --format csv for all)" : ""));
            }
        }
    }
}
