package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Infers storage types from a sample of raw rows. The narrowest type every non-null sampled value fits wins,
 * tried in this order: BOOLEAN, INTEGER, DECIMAL, DATE/TIMESTAMP, TEXT (value rules in {@link Values} and
 * {@link DateLayout}).
 *
 * <ul>
 * <li>Missing values never decide a type; in a typed column an empty or blank string counts as missing too
 * (a text column keeps it). A column with no typed value in the sample is TEXT, which cannot fail later.</li>
 * <li>DECIMAL needs at least one finite number ({@code NaN}/{@code inf} alone stay TEXT).</li>
 * <li>DATE/TIMESTAMP: every value must read under one same layout; when several layouts fit all values
 * (only day-month orders can be ambiguous, e.g. {@code 01/02/2024}) the spec's order decides, which puts
 * {@code %d/%m/%Y} before {@code %m/%d/%Y}. TIMESTAMP when any value has a time (date-only values then mean
 * midnight). Mixed layouts make the column TEXT, so no value is misread. As in MDM, a column whose name
 * contains {@code id} is never read as dates from text.</li>
 * <li>Typed values (JSON, Parquet) count as themselves: Long fits INTEGER/DECIMAL, Double DECIMAL, Boolean
 * BOOLEAN, LocalDate DATE, LocalDateTime TIMESTAMP.</li>
 * </ul>
 * A later value that does not fit is found by {@link RowConverter}, which names the widened type.
 */
public final class TypeInference {

    /** Distinct values are counted up to this (one more than the categorical threshold of spec 2.6). */
    public static final int DISTINCT_LIMIT = SemanticTypes.CATEGORICAL_THRESHOLD + 1;

    private TypeInference() {
    }

    /**
     * Reads up to the sample size from the reader and infers the column types. The sampled rows are returned in
     * the schema: load them first, then the rest of the reader.
     */
    public static InferredSchema infer(TabularReader reader, InferenceOptions options) {
        List<String> names = reader.columnNames();
        int limit = sampleLimit(options.sampleRows(), names.size());
        List<Object[]> sample = new ArrayList<>(Math.min(limit, 1024));
        Object[] row;
        while (sample.size() < limit && (row = reader.next()) != null) {
            sample.add(row);
        }
        return new InferredSchema(infer(names, sample, options), sample);
    }

    /** Infers types for rows already at hand (for example from a NiFi record reader). */
    public static List<IngestColumn> infer(List<String> names, List<Object[]> rows, InferenceOptions options) {
        for (String forced : options.forcedTypes().keySet()) {
            if (names.stream().noneMatch(forced::equalsIgnoreCase)) {
                throw new InvalidInputException("A type is set for column '" + forced
                        + "', but the content has no such column (columns: " + String.join(", ", names) + ")");
            }
        }
        List<IngestColumn> columns = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            Profile profile = new Profile(!name.toLowerCase(Locale.ROOT).contains("id"));
            for (Object[] r : rows) {
                profile.accept(r[c]);
            }
            ColumnType forced = findForced(options.forcedTypes(), name, names);
            columns.add(profile.toColumn(name, forced));
        }
        return List.copyOf(columns);
    }

    static int sampleLimit(int sampleRows, int columnCount) {
        long byBudget = InferenceOptions.SAMPLE_CELL_BUDGET / Math.max(1, columnCount);
        return (int) Math.min(sampleRows, Math.max(100, byBudget));
    }

    private static ColumnType findForced(Map<String, ColumnType> forced, String name, List<String> names) {
        ColumnType exact = forced.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, ColumnType> e : forced.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !names.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** What one value alone would be typed as; used to name the widened type of a mismatch. */
    static ColumnType typeOf(Object value, boolean datesFromText) {
        Profile p = new Profile(datesFromText);
        p.accept(value);
        return p.toColumn("", null).type();
    }

    /** Running evidence about one column. */
    static final class Profile {
        private final boolean datesFromText;
        private long nonNull;
        private long typed;
        private boolean booleanOk = true;
        private boolean integerOk = true;
        private boolean decimalOk = true;
        private boolean finiteSeen;
        private int dateMask = DateLayout.ALL;
        private boolean temporalOk = true;
        private boolean timeSeen;
        private final Set<Object> distinct = new HashSet<>();

        Profile(boolean datesFromText) {
            this.datesFromText = datesFromText;
        }

        void accept(Object value) {
            if (value == null) {
                return;
            }
            nonNull++;
            if (distinct.size() < DISTINCT_LIMIT) {
                distinct.add(value);
            }
            if (value instanceof String s) {
                acceptText(s);
            } else if (value instanceof Long) {
                typed++;
                booleanOk = false;
                finiteSeen = true;
                temporalOk = false;
            } else if (value instanceof Double d) {
                typed++;
                booleanOk = false;
                integerOk = false;
                finiteSeen |= Double.isFinite(d);
                temporalOk = false;
            } else if (value instanceof Boolean) {
                typed++;
                integerOk = false;
                decimalOk = false;
                temporalOk = false;
            } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
                typed++;
                booleanOk = false;
                integerOk = false;
                decimalOk = false;
                timeSeen |= value instanceof LocalDateTime;
            } else {
                acceptText(value.toString());
            }
        }

        private void acceptText(String s) {
            int begin = Values.trimStart(s);
            int end = Values.trimEnd(s, begin);
            if (begin == end) {
                return; // blank: missing for any typed column
            }
            typed++;
            if (booleanOk) {
                booleanOk = Values.parseBoolean(s, begin, end) != null;
            }
            if (integerOk) {
                integerOk = Values.isInteger(s, begin, end);
            }
            if (decimalOk) {
                int kind = Values.decimalKind(s, begin, end);
                decimalOk = kind != 0;
                finiteSeen |= kind == 1;
            }
            if ((dateMask & DateLayout.ALL) != 0) {
                int match = DateLayout.matching(s, begin, end);
                dateMask &= match;
                timeSeen |= (match & DateLayout.HAS_TIME) != 0;
            }
            temporalOk &= datesFromText && (dateMask & DateLayout.ALL) != 0;
        }

        IngestColumn toColumn(String name, ColumnType forced) {
            DateLayout layout = temporalOk ? DateLayout.first(dateMask) : null;
            ColumnType type;
            if (typed == 0) {
                type = ColumnType.TEXT;
            } else if (booleanOk) {
                type = ColumnType.BOOLEAN;
            } else if (integerOk) {
                type = ColumnType.INTEGER;
            } else if (decimalOk && finiteSeen) {
                type = ColumnType.DECIMAL;
            } else if (temporalOk) {
                type = timeSeen ? ColumnType.TIMESTAMP : ColumnType.DATE;
            } else {
                type = ColumnType.TEXT;
            }
            IngestColumn column = new IngestColumn(name, type, layout, false, nonNull, distinct.size());
            if (forced != null) {
                DateLayout forcedLayout = forced.isTemporal() && (dateMask & DateLayout.ALL) != 0
                        ? DateLayout.first(dateMask) : null;
                column = column.withType(forced, forcedLayout, true);
            }
            return column;
        }
    }
}
