package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comma-separated lists users type into properties: column lists, ORDER BY keys and aggregations. A name with
 * commas, spaces or parentheses is written in double quotes ({@code "my col"}, a quote doubled inside).
 */
public final class NameLists {

    private NameLists() {
    }

    /** Items split on commas outside double quotes and parentheses; blank items dropped, items trimmed. */
    static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return items;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                add(items, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quoted) {
            throw new MdmException("Unclosed double quote in '" + text + "'");
        }
        add(items, current);
        return items;
    }

    private static void add(List<String> items, StringBuilder item) {
        String trimmed = item.toString().trim();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }

    /** Column names: {@code a, "b c", d}. */
    public static List<String> columns(String text) {
        return items(text).stream().map(NameLists::name).toList();
    }

    /** A bare or double-quoted name. */
    static String name(String item) {
        String t = item.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            String inner = t.substring(1, t.length() - 1);
            if (inner.replace("\"\"", "").contains("\"")) {
                throw new MdmException("A quote inside the quoted name " + t + " must be doubled");
            }
            return inner.replace("\"\"", "\"");
        }
        if (t.contains("\"")) {
            throw new MdmException("Name " + t + " contains a quote: write it in double quotes, doubling the quote");
        }
        return t;
    }

    /** ORDER BY keys: {@code a, b DESC, "c d" asc}. */
    public static List<SortKey> sortKeys(String text) {
        List<SortKey> keys = new ArrayList<>();
        for (String item : items(text)) {
            String lower = item.toLowerCase(Locale.ROOT);
            boolean descending = false;
            String name = item;
            if (lower.endsWith(" desc") && !endsInsideQuotes(item)) {
                descending = true;
                name = item.substring(0, item.length() - 5);
            } else if (lower.endsWith(" asc") && !endsInsideQuotes(item)) {
                name = item.substring(0, item.length() - 4);
            }
            keys.add(new SortKey(name(name), descending));
        }
        return keys;
    }

    private static boolean endsInsideQuotes(String item) {
        return item.endsWith("\"");
    }

    /**
     * Aggregations: {@code count(*), avg(f1), mean("my col") AS m, count_distinct(cat), stddev(f1), median(f1),
     * quantile(f1, 0.9)}.
     */
    public static List<Aggregation> aggregations(String text) {
        List<Aggregation> aggregations = new ArrayList<>();
        for (String item : items(text)) {
            aggregations.add(aggregation(item));
        }
        return aggregations;
    }

    private static Aggregation aggregation(String item) {
        int open = item.indexOf('(');
        int close = item.lastIndexOf(')');
        if (open <= 0 || close < open) {
            throw new MdmException("Aggregation '" + item + "' must look like function(column) [AS name]");
        }
        Aggregation.Function function = Aggregation.Function.parse(item.substring(0, open));
        String rest = item.substring(close + 1).trim();
        String alias = null;
        if (!rest.isEmpty()) {
            if (!rest.toLowerCase(Locale.ROOT).startsWith("as ")) {
                throw new MdmException("Unexpected '" + rest + "' after aggregation " + item.substring(0, close + 1));
            }
            alias = name(rest.substring(3));
            if (alias.isBlank()) {
                throw new MdmException("Empty name after AS in '" + item + "'");
            }
        }
        List<String> arguments = items(item.substring(open + 1, close));
        if (arguments.isEmpty()) {
            throw new MdmException("Aggregation '" + item + "' needs a column");
        }
        String column = arguments.get(0).equals("*") ? null : name(arguments.get(0));
        if (column == null && function != Aggregation.Function.COUNT) {
            throw new MdmException("Only count accepts *, in '" + item + "'");
        }
        double quantile = 0.5;
        if (function == Aggregation.Function.QUANTILE) {
            if (arguments.size() != 2) {
                throw new MdmException("quantile needs a column and a probability: quantile(x, 0.9)");
            }
            try {
                quantile = Double.parseDouble(arguments.get(1));
            } catch (NumberFormatException e) {
                throw new MdmException("Quantile probability '" + arguments.get(1) + "' is not a number");
            }
        } else if (arguments.size() != 1) {
            throw new MdmException("Aggregation '" + item + "' takes one column");
        }
        return new Aggregation(function, column, quantile, alias);
    }
}
