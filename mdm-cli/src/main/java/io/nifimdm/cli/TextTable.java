package io.nifimdm.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of typed values under named columns, printed aligned for people, or as CSV or JSON objects for scripts.
 * Values keep their type until printing, so scripts get unformatted numbers and people get separators.
 */
final class TextTable {

    /**
     * @param header   what people see above the column
     * @param key      the JSON field and CSV header
     * @param maxWidth longest text shown to people before it is cut with an ellipsis (0 = no limit)
     */
    record Column(String header, String key, int maxWidth) {
    }

    /** Pre-formatted figures ("12.5%", "~1,024", "3.2 MiB") align right like numbers. */
    private static final java.util.regex.Pattern NUMERIC_TEXT =
            java.util.regex.Pattern.compile("[~-]?[0-9][0-9,.]*(%| [KMGT]?i?B)?");

    private final List<Column> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    TextTable column(String header, String key) {
        columns.add(new Column(header, key, 0));
        return this;
    }

    TextTable column(String header, String key, int maxWidth) {
        columns.add(new Column(header, key, maxWidth));
        return this;
    }

    void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("Expected " + columns.size() + " values, got " + values.length);
        }
        rows.add(values.clone());
    }

    int size() {
        return rows.size();
    }

    /** The rows as JSON-ready objects, keyed by column key. */
    List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                record.put(columns.get(i).key(), Json.value(row[i]));
            }
            records.add(record);
        }
        return records;
    }

    void printHuman(PrintStream out, String indent) {
        int count = columns.size();
        String[][] cells = new String[rows.size()][count];
        boolean[] rightAligned = new boolean[count];
        int[] widths = new int[count];
        for (int c = 0; c < count; c++) {
            widths[c] = width(columns.get(c).header());
            rightAligned[c] = true;
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < count; c++) {
                Object value = rows.get(r)[c];
                if (value != null && !(value instanceof Number)
                        && !(value instanceof String text && NUMERIC_TEXT.matcher(text).matches())) {
                    rightAligned[c] = false;
                }
                String text = cut(human(value), columns.get(c).maxWidth());
                cells[r][c] = text;
                widths[c] = Math.max(widths[c], width(text));
            }
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < count; c++) {
            pad(line, columns.get(c).header(), widths[c], rightAligned[c], c == count - 1);
        }
        out.println(indent + line.toString().stripTrailing());
        line.setLength(0);
        for (int c = 0; c < count; c++) {
            pad(line, "-".repeat(widths[c]), widths[c], false, c == count - 1);
        }
        out.println(indent + line.toString().stripTrailing());
        for (String[] row : cells) {
            line.setLength(0);
            for (int c = 0; c < count; c++) {
                pad(line, row[c], widths[c], rightAligned[c], c == count - 1);
            }
            out.println(indent + line.toString().stripTrailing());
        }
    }

    void printCsv(PrintStream out) {
        out.print(columns.stream().map(c -> csv(c.key())).collect(Collectors.joining(",")) + "\r\n");
        for (Object[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(csv(plain(row[c])));
            }
            out.print(line + "\r\n");
        }
    }

    /** A value for people: grouped numbers, lists joined, instants to the second. */
    static String human(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            return Numbers.number(number);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(TextTable::human).collect(Collectors.joining(", "));
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ');
        }
        return value.toString();
    }

    /** A value for scripts: numbers as Java prints them, lists comma-joined, instants in ISO-8601. */
    static String plain(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(TextTable::plain).collect(Collectors.joining(","));
        }
        if (value instanceof Temporal) {
            return value.toString();
        }
        return value.toString();
    }

    static String csv(String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String cut(String text, int maxWidth) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        if (maxWidth <= 0 || width(oneLine) <= maxWidth) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, maxWidth - 1)) + "…";
    }

    private static void pad(StringBuilder line, String text, int width, boolean right, boolean last) {
        int padding = width - width(text);
        if (right) {
            line.append(" ".repeat(padding)).append(text);
        } else {
            line.append(text);
            if (!last) {
                line.append(" ".repeat(padding));
            }
        }
        if (!last) {
            line.append("  ");
        }
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
