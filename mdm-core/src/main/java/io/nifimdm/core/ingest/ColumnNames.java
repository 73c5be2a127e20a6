package io.nifimdm.core.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates the column names of a header. Empty names are an error (issue 3: bad input goes to failure;
 * a common cause is a pandas index written with {@code to_csv}). Duplicates are compared ignoring case,
 * because SQLite and DuckDB identifiers are case-insensitive, so {@code A} and {@code a} clash as much as
 * {@code a} and {@code a}; they are an error unless renaming is asked for, in which case later copies become
 * {@code x.1}, {@code x.2}, ... as MDM (pandas) does, skipping suffixes already taken.
 */
final class ColumnNames {

    private ColumnNames() {
    }

    static List<String> validate(List<String> names, boolean renameDuplicates) {
        List<String> result = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("Column " + (result.size() + 1) + " has an empty name; every column"
                        + " needs a name (an unnamed first column is often a pandas index written by to_csv)");
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (seen.add(key)) {
                result.add(name);
                continue;
            }
            if (!renameDuplicates) {
                throw new InvalidInputException("Column name '" + name + "' appears more than once (names are"
                        + " compared ignoring case); rename the column or enable renaming of duplicates");
            }
            for (int k = 1; ; k++) {
                String candidate = name + "." + k;
                if (seen.add(candidate.toLowerCase(Locale.ROOT))) {
                    result.add(candidate);
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    static List<String> generated(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("column_" + i);
        }
        return List.copyOf(names);
    }
}
