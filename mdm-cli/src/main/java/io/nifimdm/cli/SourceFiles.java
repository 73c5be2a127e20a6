package io.nifimdm.cli;

import io.nifimdm.core.ingest.TableNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a {@code register PATH} loads and the table each becomes. A file is one table, named by
 * {@link TableNames#fromFileName} exactly as the RegisterDataset processor names a FlowFile's table. In a directory,
 * every data file (CSV, TSV, JSON, JSON Lines, Parquet, each possibly gzip- or zip-compressed) is a table; when some
 * are Kaggle split files (train, test, validation, sample_submission and their aliases) only those are loaded, as
 * MDM does, so a stray notes.csv beside them is left out.
 */
final class SourceFiles {

    /** A file and the table it becomes. */
    record SourceFile(Path path, String table) {
    }

    /** What a directory holds: the files to load, in load order, and the ones left out. */
    record Selection(List<SourceFile> files, List<Path> skipped) {
    }

    private static final Pattern DATA_FILE =
            Pattern.compile(".*\\.(csv|tsv|json|jsonl|ndjson|parquet)(\\.(gz|gzip|zip))?", Pattern.CASE_INSENSITIVE);
    private static final List<String> LOAD_ORDER = List.of("train", "data", "validation", "test", "sample_submission");

    private SourceFiles() {
    }

    static Selection select(Path path, String tableOverride) {
        if (!Files.exists(path)) {
            throw CliException.failed("Path does not exist: " + path);
        }
        if (Files.isRegularFile(path)) {
            String table = tableOverride != null ? tableOverride : TableNames.fromFileName(path.getFileName().toString());
            return new Selection(List.of(new SourceFile(path, table)), List.of());
        }
        if (!Files.isDirectory(path)) {
            throw CliException.failed("Path is neither a file nor a directory: " + path);
        }
        if (tableOverride != null) {
            throw new CliException(ExitCodes.USAGE, "--table names the table of a single file; the files of directory "
                    + path + " are named by their file names");
        }
        List<Path> candidates = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path)) {
            entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(entry -> {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(".") || !Files.isRegularFile(entry)) {
                    return;
                }
                if (DATA_FILE.matcher(fileName).matches()) {
                    candidates.add(entry);
                } else {
                    skipped.add(entry);
                }
            });
        } catch (IOException e) {
            throw CliException.failed("Cannot list directory " + path + ": " + e.getMessage());
        }
        boolean kaggle = candidates.stream().anyMatch(p -> TableNames.isStandard(table(p)));
        Map<String, Path> byTable = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            String table = table(candidate);
            if (kaggle && !TableNames.isStandard(table)) {
                skipped.add(candidate);
                continue;
            }
            Path earlier = byTable.putIfAbsent(table, candidate);
            if (earlier != null) {
                throw CliException.failed("Files " + earlier.getFileName() + " and " + candidate.getFileName()
                        + " would both become table '" + table + "': keep one of them, or register them one by one"
                        + " with --table");
            }
        }
        if (byTable.isEmpty()) {
            throw CliException.failed("No data files found in " + path + " (looked for .csv, .tsv, .json, .jsonl,"
                    + " .ndjson and .parquet files, possibly .gz or .zip)");
        }
        List<SourceFile> files = new ArrayList<>();
        byTable.forEach((table, file) -> files.add(new SourceFile(file, table)));
        files.sort(Comparator.comparingInt((SourceFile f) -> rank(f.table())).thenComparing(SourceFile::table));
        skipped.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return new Selection(List.copyOf(files), List.copyOf(skipped));
    }

    private static String table(Path file) {
        return TableNames.fromFileName(file.getFileName().toString());
    }

    private static int rank(String table) {
        int index = LOAD_ORDER.indexOf(table.toLowerCase(Locale.ROOT));
        return index < 0 ? LOAD_ORDER.size() : index;
    }
}
