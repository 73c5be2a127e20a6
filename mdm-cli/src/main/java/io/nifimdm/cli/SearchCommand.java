package io.nifimdm.cli;

import io.nifimdm.core.dataset.DatasetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

@Command(name = "search", sortOptions = false,
        header = "Find datasets by name, tag or description.",
        description = "PATTERN is a substring, or a glob when it holds * or ? (matched against the whole name). A dataset matches by name first, then by one of its tags, then by its description, display name, target or problem type; the Match column says which.")
final class SearchCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "PATTERN", description = "Substring or glob (dataset_v*).")
    String pattern;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only datasets with exactly this tag.")
    String tag;

    @Option(names = "--case-sensitive", description = "Match case (default: ignore it).")
    boolean caseSensitive;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N datasets.")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new CliException(ExitCodes.USAGE, "--limit cannot be negative (got " + limit + ")");
        }
        Predicate<String> matcher = matcher();
        StoreLocation location = location();
        TextTable table = new TextTable()
                .column("Name", "name")
                .column("Match", "match_location")
                .column("Problem type", "problem_type")
                .column("Tags", "tags")
                .column("Description", "description", 50);
        for (DatasetRows.Listed listed : DatasetRows.all(location)) {
            DatasetInfo info = listed.summary().info();
            if (tag != null && info.tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag.trim()))) {
                continue;
            }
            String where = matchLocation(info, matcher);
            if (where == null) {
                continue;
            }
            if (limit != null && table.size() >= limit) {
                break;
            }
            table.row(info.name(), where, DatasetRows.problemType(info), info.tags(), info.description());
        }
        switch (format()) {
            case JSON -> Json.print(io().out(), table.records());
            case CSV -> table.printCsv(io().out());
            case TABLE -> {
                if (table.size() == 0) {
                    io().out().println("No datasets match '" + pattern + "' in " + location.display());
                } else {
                    table.printHuman(io().out(), "");
                }
            }
        }
        return ExitCodes.OK;
    }

    private static String matchLocation(DatasetInfo info, Predicate<String> matcher) {
        if (matcher.test(info.name())) {
            return "name";
        }
        if (info.tags().stream().anyMatch(matcher)) {
            return "tag";
        }
        List<String> content = new ArrayList<>(List.of(info.description(), info.displayName()));
        if (info.targetColumn() != null) {
            content.add(info.targetColumn());
        }
        if (info.problemType() != null) {
            content.add(info.problemType().id());
        }
        return content.stream().anyMatch(matcher) ? "content" : null;
    }

    private Predicate<String> matcher() {
        if (pattern.isEmpty()) {
            throw CliException.failed("The search pattern is empty");
        }
        boolean glob = pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
        if (glob) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            Pattern compiled = Pattern.compile(regex.toString(), caseSensitive ? 0
                    : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return text -> compiled.matcher(text).matches();
        }
        if (caseSensitive) {
            return text -> text.contains(pattern);
        }
        String lower = pattern.toLowerCase(Locale.ROOT);
        return text -> text.toLowerCase(Locale.ROOT).contains(lower);
    }
}
