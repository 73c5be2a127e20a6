package io.nifimdm.core.register;

import io.nifimdm.core.ingest.InferenceOptions;
import io.nifimdm.core.ingest.InvalidInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of an input: its column names and first rows, read before anything is written so that bad input
 * (no columns, no rows, clashing names) fails before a dataset or table is touched.
 */
record InputSample(List<String> columnNames, List<Object[]> rows, boolean exhausted) {

    static final int MAX_ROWS = InferenceOptions.DEFAULT_SAMPLE_ROWS;

    /** Reads up to {@link #MAX_ROWS} rows (fewer for very wide input) and checks the column names. */
    static InputSample read(TableReader reader) throws IOException {
        List<String> names = reader.columnNames();
        validateNames(names);
        int limit = (int) Math.max(100, Math.min(MAX_ROWS, InferenceOptions.SAMPLE_CELL_BUDGET / names.size()));
        List<Object[]> rows = new ArrayList<>();
        boolean exhausted = false;
        while (rows.size() < limit) {
            Object[] row = reader.next();
            if (row == null) {
                exhausted = true;
                break;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("The input has a header but no data rows");
        }
        return new InputSample(List.copyOf(names), rows, exhausted);
    }

    static void validateNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("The input is empty: no columns found");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("Column " + (i + 1) + " has an empty name");
            }
            // SQLite and DuckDB compare column names case-insensitively, so "Age" and "age" cannot coexist.
            Integer previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (previous != null) {
                throw new InvalidInputException("Columns " + (previous + 1) + " and " + (i + 1) + " have the same name '"
                        + name + "' (names are compared case-insensitively)");
            }
        }
    }
}
