package io.nifimdm.cli;

import io.nifimdm.core.register.ColumnRoles;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.dataset.WriteMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

@Command(name = "update", sortOptions = false,
        header = "Change a dataset's description, target, problem type, ID columns or tags.",
        description = "An empty value clears the field (--target \"\" removes the target). Lists are comma-separated; blank items are dropped. Column roles in every table follow a new target or new ID columns.")
final class UpdateCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
    String description;

    @Option(names = "--target", paramLabel = "COLUMN", description = "New target column.")
    String target;

    @Option(names = "--problem-type", paramLabel = "TYPE", description = "binary_classification, "
            + "multiclass_classification, regression, time_series or clustering.")
    String problemType;

    @Option(names = "--id-columns", paramLabel = "COLUMNS", description = "New ID columns, comma-separated.")
    String idColumns;

    @Option(names = "--tags", paramLabel = "TAGS", description = "New tags, comma-separated (replacing the old).")
    String tags;

    @Option(names = "--time-column", paramLabel = "COLUMN", description = "Column holding the time of each row.")
    String timeColumn;

    @Option(names = "--group-column", paramLabel = "COLUMN", description = "Column grouping rows (series id).")
    String groupColumn;

    @Override
    public Integer call() {
        if (description == null && target == null && problemType == null && idColumns == null && tags == null
                && timeColumn == null && groupColumn == null) {
            io().out().println("No updates specified");
            return ExitCodes.OK;
        }
        // Validate every value before touching the dataset, so a bad one changes nothing
        ProblemType problem = problemType == null || problemType.isBlank() ? null : ProblemType.parse(problemType);
        List<String> ids = idColumns == null ? null : CommaList.splitStrict(idColumns, "id_columns");
        List<String> tagList = tags == null ? null : CommaList.split(tags);

        List<String> changed = new ArrayList<>();
        DatasetInfo updated;
        try (DatasetStore store = openStoreOf(name)) {
            Dataset dataset = open(store, name);
            updated = dataset.write(WriteMode.EXCLUSIVE, connection -> {
                DatasetMetadata metadata = dataset.metadata();
                DatasetInfo before = metadata.readInfo(connection);
                Set<String> known = dataColumns(metadata, connection);
                Instant now = Instant.now();
                DatasetInfo info = before;
                if (description != null) {
                    info = info.withDescription(description, now);
                    changed.add("description");
                }
                if (target != null) {
                    info = info.withTarget(column(target, known, dataset.name(), "Target"), now);
                    changed.add("target_column");
                }
                if (problemType != null) {
                    info = info.withProblemType(problem, now);
                    changed.add("problem_type");
                }
                if (ids != null) {
                    List<String> resolved = new ArrayList<>();
                    for (String id : ids) {
                        resolved.add(column(id, known, dataset.name(), "ID"));
                    }
                    info = info.withIdColumns(List.copyOf(new LinkedHashSet<>(resolved)), now);
                    changed.add("id_columns");
                }
                if (tagList != null) {
                    info = info.withTags(tagList, now);
                    changed.add("tags");
                }
                if (timeColumn != null) {
                    info = info.withTimeColumn(column(timeColumn, known, dataset.name(), "Time"), now);
                    changed.add("time_column");
                }
                if (groupColumn != null) {
                    info = info.withGroupColumn(column(groupColumn, known, dataset.name(), "Group"), now);
                    changed.add("group_column");
                }
                info = info.touched(now);
                metadata.writeInfo(connection, info);
                if (!Objects.equals(before.targetColumn(), info.targetColumn())
                        || !before.idColumns().equals(info.idColumns())) {
                    ColumnRoles.refresh(connection, dataset, info, null);
                }
                return info;
            });
        }
        switch (format()) {
            case JSON -> {
                Map<String, Object> document = Json.object();
                document.put("dataset", updated.name());
                document.put("updated_fields", changed);
                document.put("description", updated.description());
                document.put("target_column", updated.targetColumn());
                document.put("problem_type", DatasetRows.problemType(updated));
                document.put("id_columns", updated.idColumns());
                document.put("tags", updated.tags());
                document.put("time_column", updated.timeColumn());
                document.put("group_column", updated.groupColumn());
                document.put("updated_at", updated.updatedAt());
                Json.print(io().out(), document);
            }
            case CSV -> {
                TextTable table = new TextTable().column("Dataset", "dataset").column("Field", "field");
                changed.forEach(field -> table.row(updated.name(), field));
                table.printCsv(io().out());
            }
            case TABLE -> io().out().println("Updated dataset '" + updated.name() + "': " + String.join(", ", changed));
        }
        return ExitCodes.OK;
    }

    /** Columns of the dataset's data tables. */
    private static Set<String> dataColumns(DatasetMetadata metadata, Connection connection) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (TableInfo table : metadata.tables(connection)) {
            if (table.kind() == TableKind.DATA) {
                metadata.columns(connection, table.name()).forEach(c -> names.add(c.name()));
            }
        }
        return names;
    }

    /**
     * A column the dataset has, spelled as the data spells it (a unique case-insensitive match is accepted);
     * an empty value clears the field.
     */
    private static String column(String wanted, Set<String> known, String dataset, String what) {
        String trimmed = wanted.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (known.contains(trimmed)) {
            return trimmed;
        }
        List<String> matches = known.stream().filter(k -> k.equalsIgnoreCase(trimmed)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        throw CliException.failed(what + " column '" + trimmed + "' is not a column of dataset '" + dataset + "'"
                + (known.isEmpty() ? " (it has no tables yet)" : " (columns: " + String.join(", ", known) + ")"));
    }

}
