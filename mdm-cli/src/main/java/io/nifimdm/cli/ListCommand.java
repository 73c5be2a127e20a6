package io.nifimdm.cli;

import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

@Command(name = "list", sortOptions = false,
        header = "List the datasets of the store.",
        description = "Filters match exactly, ignoring case; several filters must all match.")
final class ListCommand extends StoreCommand {

    enum Sort { name, registration_date }

    /** Filterable fields and how each reads a dataset; {@code tag} matches any of its tags. */
    private static final Map<String, Function<DatasetInfo, List<String>>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", info -> List.of(info.name()));
        FIELDS.put("display_name", info -> List.of(info.displayName()));
        FIELDS.put("backend", info -> List.of(info.backend().id()));
        FIELDS.put("problem_type", info -> info.problemType() == null ? List.of("") : List.of(info.problemType().id()));
        FIELDS.put("target", info -> List.of(info.targetColumn() == null ? "" : info.targetColumn()));
        FIELDS.put("tag", DatasetInfo::tags);
        FIELDS.put("description", info -> List.of(info.description()));
    }

    @Option(names = "--filter", paramLabel = "FIELD=VALUE",
            description = "Keep datasets whose field equals the value; FIELD=VALUE[,FIELD=VALUE...], repeatable. Fields: name, display_name, backend, problem_type, target, tag, description.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "name",
            description = "name (A to Z, default) or registration_date (newest first).")
    Sort sort;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N datasets.")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new CliException(ExitCodes.USAGE, "--limit cannot be negative (got " + limit + ")");
        }
        List<Map.Entry<String, String>> conditions = parseFilters();
        StoreLocation location = location();
        List<DatasetRows.Listed> datasets = new ArrayList<>(DatasetRows.all(location));
        datasets.removeIf(listed -> !matches(listed.summary().info(), conditions));
        if (sort == Sort.registration_date) {
            datasets.sort(Comparator.comparing((DatasetRows.Listed l) -> l.summary().info().createdAt()).reversed()
                    .thenComparing(l -> l.summary().info().name()));
        } else {
            datasets.sort(Comparator.comparing(l -> l.summary().info().name()));
        }
        if (limit != null && datasets.size() > limit) {
            datasets = datasets.subList(0, limit);
        }
        TextTable table = new TextTable()
                .column("Name", "name")
                .column("Problem type", "problem_type")
                .column("Target", "target_column")
                .column("Tables", "tables")
                .column("Rows", "rows")
                .column("Size", "size_bytes")
                .column("Tags", "tags")
                .column("Registered", "registered_at")
                .column("Description", "description", 40);
        for (DatasetRows.Listed listed : datasets) {
            DatasetSummary summary = listed.summary();
            DatasetInfo info = summary.info();
            Object size = listed.sizeBytes() < 0 ? null : format() == OutputFormat.TABLE
                    ? Numbers.bytes(listed.sizeBytes()) : (Object) listed.sizeBytes();
            table.row(info.name(), DatasetRows.problemType(info), info.targetColumn(), DatasetRows.dataTables(summary),
                    summary.dataRowCount(), size, info.tags(), info.createdAt(), info.description());
        }
        switch (format()) {
            case JSON -> Json.print(io().out(), table.records());
            case CSV -> table.printCsv(io().out());
            case TABLE -> {
                if (table.size() == 0) {
                    io().out().println("No datasets" + (conditions.isEmpty() ? "" : " match") + " in "
                            + location.display());
                } else {
                    table.printHuman(io().out(), "");
                }
            }
        }
        return ExitCodes.OK;
    }

    private List<Map.Entry<String, String>> parseFilters() {
        List<Map.Entry<String, String>> conditions = new ArrayList<>();
        for (String option : filters) {
            for (String part : option.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw CliException.failed("Invalid filter '" + part.trim() + "': expected FIELD=VALUE, for example"
                            + " problem_type=regression");
                }
                String field = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                if (field.equals("tags")) {
                    field = "tag";
                } else if (field.equals("target_column")) {
                    field = "target";
                }
                if (!FIELDS.containsKey(field)) {
                    throw CliException.failed("Invalid filter '" + part.trim() + "': unknown field '"
                            + part.substring(0, eq).trim() + "' (fields: " + String.join(", ", FIELDS.keySet()) + ")");
                }
                conditions.add(Map.entry(field, part.substring(eq + 1).trim()));
            }
        }
        return conditions;
    }

    private static boolean matches(DatasetInfo info, List<Map.Entry<String, String>> conditions) {
        for (Map.Entry<String, String> condition : conditions) {
            boolean any = FIELDS.get(condition.getKey()).apply(info).stream()
                    .anyMatch(value -> value.equalsIgnoreCase(condition.getValue()));
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
