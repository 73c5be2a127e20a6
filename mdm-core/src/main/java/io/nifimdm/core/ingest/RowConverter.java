package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts raw rows ({@link TabularReader#next()}) to rows of the storage types' Java values (INTEGER Long,
 * DECIMAL Double, BOOLEAN Boolean, DATE LocalDate, TIMESTAMP LocalDateTime, TEXT String). In a typed column
 * an empty or blank string is missing (null); a text column keeps it. Typed raw values convert when no
 * information is lost (Long to DECIMAL, LocalDate to TIMESTAMP at midnight, anything to TEXT).
 *
 * <p>A value that does not fit raises {@link ValueTypeMismatchException} naming the widened type: INTEGER
 * widens to DECIMAL for a decimal value, DATE to TIMESTAMP for a time under the same layout, everything else to
 * TEXT. A column whose numeric type the user forced also accepts leading zeros ({@code 007} reads 7): the
 * user asked for numbers, so codes are not protected there. Rows are numbered from 1 in the order they are converted; use one converter per load attempt.
 * Not thread-safe.
 */
public final class RowConverter {

    private final IngestColumn[] columns;
    private final ColumnType[] types;
    private final DateLayout[] layouts;
    private final boolean[] datesFromText;
    private long rowNumber;

    public RowConverter(List<IngestColumn> columns) {
        this.columns = columns.toArray(IngestColumn[]::new);
        int n = this.columns.length;
        this.types = new ColumnType[n];
        this.layouts = new DateLayout[n];
        this.datesFromText = new boolean[n];
        for (int i = 0; i < n; i++) {
            types[i] = this.columns[i].type();
            layouts[i] = this.columns[i].dateLayout();
            datesFromText[i] = !this.columns[i].name().toLowerCase(Locale.ROOT).contains("id");
        }
    }

    /** Rows converted so far. */
    public long rowCount() {
        return rowNumber;
    }

    /**
     * Converts one raw row into a new array.
     *
     * @throws ValueTypeMismatchException a value does not fit its column's type
     */
    public Object[] convert(Object[] raw) {
        long row = ++rowNumber;
        int n = types.length;
        if (raw.length != n) {
            throw new IllegalArgumentException("Row " + row + " has " + raw.length + " values for " + n + " columns");
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Object value = raw[i];
            if (value != null) {
                out[i] = types[i] == ColumnType.TEXT ? text(value) : typed(i, value, row);
            }
        }
        return out;
    }

    /**
     * After a mismatch, finds every widening the rest of the content needs, so the next attempt is the last: the
     * failed row and every remaining row of {@code remaining} are checked (not loaded), widening columns as
     * values require. Returns column name to widened type, for
     * {@link InferenceOptions#withForcedTypes(Map)}. This converter is left widened and should not be reused.
     *
     * @throws ValueTypeMismatchException a value does not fit a type the user forced
     */
    public Map<String, ColumnType> widenToFit(Object[] failedRow, RawRows remaining) {
        Map<String, ColumnType> widened = new LinkedHashMap<>();
        Object[] raw = failedRow;
        while (raw != null) {
            while (true) {
                try {
                    convert(raw);
                    break;
                } catch (ValueTypeMismatchException e) {
                    rowNumber--;
                    if (e.forced()) {
                        throw e;
                    }
                    widened.put(e.column(), e.widenedType());
                    for (int i = 0; i < columns.length; i++) {
                        if (columns[i].name().equals(e.column())) {
                            types[i] = e.widenedType();
                        }
                    }
                }
            }
            raw = remaining.next();
        }
        return widened;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : value.toString();
    }

    private Object typed(int i, Object value, long row) {
        if (value instanceof String s) {
            int begin = Values.trimStart(s);
            int end = Values.trimEnd(s, begin);
            if (begin == end) {
                return null;
            }
            try {
                return switch (types[i]) {
                    case INTEGER -> Values.parseLong(s, begin, end);
                    case DECIMAL -> Values.parseDouble(s, begin, end);
                    case BOOLEAN -> {
                        Boolean b = Values.parseBoolean(s, begin, end);
                        if (b == null) {
                            throw Values.NotParsable.INSTANCE;
                        }
                        yield b;
                    }
                    case DATE, TIMESTAMP -> temporal(i, s, begin, end);
                    case TEXT -> s;
                };
            } catch (Values.NotParsable e) {
                if (columns[i].forced() && types[i].isNumeric()) {
                    Object lenient = Values.parseNumberIgnoringLeadingZeros(s, begin, end, types[i]);
                    if (lenient != null) {
                        return lenient;
                    }
                }
                throw mismatch(i, value, row);
            }
        }
        ColumnType type = types[i];
        if (value instanceof Long l) {
            if (type == ColumnType.INTEGER) {
                return l;
            }
            if (type == ColumnType.DECIMAL) {
                return l.doubleValue();
            }
        } else if (value instanceof Double d) {
            if (type == ColumnType.DECIMAL) {
                return d;
            }
        } else if (value instanceof Boolean) {
            if (type == ColumnType.BOOLEAN) {
                return value;
            }
        } else if (value instanceof LocalDate date) {
            if (type == ColumnType.DATE) {
                return date;
            }
            if (type == ColumnType.TIMESTAMP) {
                return date.atStartOfDay();
            }
        } else if (value instanceof LocalDateTime) {
            if (type == ColumnType.TIMESTAMP) {
                return value;
            }
        } else {
            return typed(i, value.toString(), row);
        }
        throw mismatch(i, value, row);
    }

    private Object temporal(int i, String s, int begin, int end) {
        DateLayout layout = layouts[i];
        if (layout == null) {
            // known by type only (no sample): fix the layout on the first value, as inference would
            layout = DateLayout.first(DateLayout.matching(s, begin, end));
            if (layout == null) {
                throw Values.NotParsable.INSTANCE;
            }
            layouts[i] = layout;
        }
        Object parsed = layout.parse(s, begin, end);
        if (parsed instanceof LocalDate date) {
            return types[i] == ColumnType.TIMESTAMP ? date.atStartOfDay() : date;
        }
        if (parsed instanceof LocalDateTime && types[i] == ColumnType.TIMESTAMP) {
            return parsed;
        }
        throw Values.NotParsable.INSTANCE;
    }

    private ValueTypeMismatchException mismatch(int i, Object value, long row) {
        ColumnType current = types[i];
        ColumnType alone = TypeInference.typeOf(value, datesFromText[i]);
        ColumnType widened = ColumnType.TEXT;
        if (current == ColumnType.INTEGER && (alone == ColumnType.DECIMAL || value instanceof Double)) {
            widened = ColumnType.DECIMAL;
        } else if (current == ColumnType.INTEGER && value instanceof String s && isDecimalSpecial(s)) {
            widened = ColumnType.DECIMAL;
        } else if (current == ColumnType.DATE && layouts[i] != null) {
            String s = text(value);
            int begin = Values.trimStart(s);
            Object parsed = layouts[i].parse(s, begin, Values.trimEnd(s, begin));
            if (parsed instanceof LocalDateTime || value instanceof LocalDateTime) {
                widened = ColumnType.TIMESTAMP;
            }
        } else if (current == ColumnType.DATE && value instanceof LocalDateTime) {
            widened = ColumnType.TIMESTAMP;
        }
        return new ValueTypeMismatchException(columns[i].name(), row, text(value), current, widened,
                columns[i].forced());
    }

    private static boolean isDecimalSpecial(String s) {
        int begin = Values.trimStart(s);
        return Values.decimalKind(s, begin, Values.trimEnd(s, begin)) == 2;
    }
}
