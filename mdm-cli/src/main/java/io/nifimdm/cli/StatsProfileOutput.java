package io.nifimdm.cli;

import io.nifimdm.core.profile.ColumnProfile;
import io.nifimdm.core.profile.CorrelatedPair;
import io.nifimdm.core.profile.CorrelationMatrix;
import io.nifimdm.core.profile.DataQuality;
import io.nifimdm.core.profile.NumericShape;
import io.nifimdm.core.profile.Percentiles;
import io.nifimdm.core.profile.TableProfile;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code stats --full} shows a {@link TableProfile}: for people, in JSON and in CSV. */
final class StatsProfileOutput {

    /** Above this many columns the matrix is not printed for people (the JSON output always holds it). */
    static final int MAX_PRINTED_MATRIX = 12;

    /** Strongly correlated pairs listed for people at most. */
    static final int MAX_PRINTED_PAIRS = 20;

    private static final List<String> PERCENTILE_KEYS = List.of("p1", "p5", "p25", "p75", "p95", "p99");

    private StatsProfileOutput() {
    }

    /** Adds a column's full figures to its JSON document. */
    static void addColumnFigures(Map<String, Object> document, ColumnProfile column) {
        if (column == null) {
            return;
        }
        document.put("distinct_ratio", column.distinctRatio());
        NumericShape numeric = column.numeric();
        if (numeric != null) {
            Map<String, Object> percentiles = Json.object();
            for (int i = 0; i < PERCENTILE_KEYS.size(); i++) {
                percentiles.put(PERCENTILE_KEYS.get(i),
                        numeric.percentiles() == null ? null : numeric.percentiles().values().get(i));
            }
            document.put("percentiles", percentiles);
            document.put("skewness", numeric.skewness());
            document.put("kurtosis", numeric.kurtosis());
        }
        if (column.type() == io.nifimdm.core.backend.ColumnType.TEXT) {
            document.put("mode", column.mode() == null ? null : column.mode().value());
            document.put("mode_count", column.mode() == null ? null : column.mode().count());
        }
    }

    /** Adds the table's correlations and data quality to its JSON document. */
    static void addTableFigures(Map<String, Object> table, TableProfile profile) {
        CorrelationMatrix matrix = profile.correlations();
        Map<String, Object> correlations = Json.object();
        correlations.put("method", "pearson");
        correlations.put("columns", matrix.columns());
        correlations.put("matrix", matrix.coefficients());
        correlations.put("omitted_columns", matrix.omittedColumns());
        correlations.put("threshold", matrix.threshold());
        List<Object> pairs = new ArrayList<>();
        for (CorrelatedPair pair : matrix.strongPairs()) {
            Map<String, Object> item = Json.object();
            item.put("column_1", pair.first());
            item.put("column_2", pair.second());
            item.put("correlation", pair.r());
            pairs.add(item);
        }
        correlations.put("high_correlations", pairs);
        table.put("correlations", correlations);

        DataQuality quality = profile.dataQuality();
        Map<String, Object> document = Json.object();
        document.put("total_cells", quality.totalCells());
        document.put("missing_cells", quality.missingCells());
        document.put("completeness", quality.completeness());
        document.put("duplicate_rows", quality.duplicateRows());
        document.put("duplicate_percentage", quality.duplicatePercentage());
        document.put("near_unique_threshold", quality.nearUniqueThreshold());
        document.put("near_unique_columns", quality.nearUniqueColumns());
        table.put("data_quality", document);
    }

    static void addCsvColumns(TextTable table) {
        table.column("Distinct ratio", "distinct_ratio");
        for (String key : PERCENTILE_KEYS) {
            table.column(key.toUpperCase(Locale.ROOT), key);
        }
        table.column("Skewness", "skewness").column("Kurtosis", "kurtosis").column("Mode", "mode")
                .column("Mode count", "mode_count").column("Near unique", "near_unique")
                .column("High correlations", "high_correlations");
    }

    /** The values of {@link #addCsvColumns} for one column. */
    static List<Object> csvValues(TableProfile profile, String name) {
        ColumnProfile column = profile.column(name);
        List<Object> values = new ArrayList<>();
        values.add(column == null ? null : column.distinctRatio());
        NumericShape numeric = column == null ? null : column.numeric();
        Percentiles percentiles = numeric == null ? null : numeric.percentiles();
        for (int i = 0; i < PERCENTILE_KEYS.size(); i++) {
            values.add(percentiles == null ? null : percentiles.values().get(i));
        }
        values.add(numeric == null ? null : numeric.skewness());
        values.add(numeric == null ? null : numeric.kurtosis());
        values.add(column == null || column.mode() == null ? null : column.mode().value());
        values.add(column == null || column.mode() == null ? null : column.mode().count());
        values.add(profile.dataQuality().nearUniqueColumns().contains(name));
        List<String> partners = new ArrayList<>();
        for (CorrelatedPair pair : profile.correlations().strongPairs()) {
            if (pair.first().equals(name)) {
                partners.add(pair.second() + "=" + pair.r());
            } else if (pair.second().equals(name)) {
                partners.add(pair.first() + "=" + pair.r());
            }
        }
        values.add(String.join(";", partners));
        return values;
    }

    /** The full figures for people, below the table's column statistics. */
    static void human(PrintStream out, TableProfile profile) {
        out.println();
        out.println("  Computed now (exact, in the engine):");
        TextTable numeric = new TextTable().column("Numeric column", "column");
        for (String key : PERCENTILE_KEYS) {
            numeric.column(key.toUpperCase(Locale.ROOT), key);
        }
        numeric.column("Skewness", "skewness").column("Kurtosis", "kurtosis");
        TextTable text = new TextTable().column("Text column", "column").column("Distinct ratio", "distinct_ratio")
                .column("Mode", "mode", 24).column("Mode count", "mode_count");
        for (ColumnProfile column : profile.columns()) {
            if (column.numeric() != null) {
                List<Object> row = new ArrayList<>();
                row.add(column.name());
                Percentiles percentiles = column.numeric().percentiles();
                for (int i = 0; i < PERCENTILE_KEYS.size(); i++) {
                    row.add(percentiles == null ? null : percentiles.values().get(i));
                }
                row.add(column.numeric().skewness());
                row.add(column.numeric().kurtosis());
                numeric.row(row.toArray());
            } else if (column.type() == io.nifimdm.core.backend.ColumnType.TEXT) {
                text.row(column.name(), column.distinctRatio() == null ? null : Numbers.decimal(column.distinctRatio()),
                        column.mode() == null ? null : column.mode().value(),
                        column.mode() == null ? null : column.mode().count());
            }
        }
        if (numeric.size() > 0) {
            numeric.printHuman(out, "  ");
        }
        if (text.size() > 0) {
            out.println();
            text.printHuman(out, "  ");
        }
        correlations(out, profile.correlations());
        DataQuality quality = profile.dataQuality();
        out.println();
        out.println("  Data quality: completeness " + Numbers.percent(100 * quality.completeness()) + ", "
                + Numbers.count(quality.duplicateRows()) + " duplicate rows ("
                + Numbers.percent(quality.duplicatePercentage()) + "), near-unique columns (distinct ratio > "
                + Numbers.decimal(quality.nearUniqueThreshold()) + "): "
                + (quality.nearUniqueColumns().isEmpty() ? "none" : String.join(", ", quality.nearUniqueColumns())));
    }

    private static void correlations(PrintStream out, CorrelationMatrix matrix) {
        if (matrix.columns().size() < 2) {
            return;
        }
        out.println();
        out.println("  Pearson correlations of " + matrix.columns().size() + " numeric columns"
                + (matrix.omittedColumns().isEmpty() ? "" : " (the first " + matrix.columns().size() + " of "
                + (matrix.columns().size() + matrix.omittedColumns().size()) + "; the rest are left out)") + ":");
        if (matrix.columns().size() <= MAX_PRINTED_MATRIX) {
            TextTable table = new TextTable().column("", "column");
            for (String name : matrix.columns()) {
                table.column(name.length() > 12 ? name.substring(0, 11) + "…" : name, name);
            }
            for (int i = 0; i < matrix.columns().size(); i++) {
                Object[] row = new Object[matrix.columns().size() + 1];
                row[0] = matrix.columns().get(i);
                for (int j = 0; j < matrix.columns().size(); j++) {
                    Double r = matrix.r(i, j);
                    row[j + 1] = r == null ? null : String.format(Locale.ROOT, "%.3f", r);
                }
                table.row(row);
            }
            table.printHuman(out, "  ");
        } else {
            out.println("  (matrix of " + matrix.columns().size() + " columns in --format json)");
        }
        if (matrix.strongPairs().isEmpty()) {
            out.println("  No pair with |r| > " + Numbers.decimal(matrix.threshold()));
            return;
        }
        out.println("  Pairs with |r| > " + Numbers.decimal(matrix.threshold()) + ":");
        int shown = Math.min(matrix.strongPairs().size(), MAX_PRINTED_PAIRS);
        for (CorrelatedPair pair : matrix.strongPairs().subList(0, shown)) {
            out.println("    " + String.format(Locale.ROOT, "%6.3f", pair.r()) + "  " + pair.first() + " ~ "
                    + pair.second());
        }
        if (shown < matrix.strongPairs().size()) {
            out.println("    ... " + (matrix.strongPairs().size() - shown) + " more in --format json");
        }
    }
}
