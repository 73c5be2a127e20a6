package io.nifimdm.core.features;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canvas-time checks of a custom feature: an SQL expression over the table's own columns, nothing else. It must be one
 * expression (no statement separators or comments), with balanced quotes and parentheses, and without the keywords that
 * would make it a statement or a subquery reading other tables, nor engine functions that read files or server state.
 * Whether the named columns exist is known only per table, at run time: on the fit table an expression that does not
 * evaluate is an error; on another table its feature is null.
 */
public final class CustomFeatureExpressions {

    private static final Set<String> FORBIDDEN_WORDS = Set.of("select", "from", "insert", "update", "delete", "drop",
            "create", "alter", "attach", "detach", "pragma", "copy", "grant", "revoke", "truncate", "union",
            "intersect", "except", "into", "with", "exec", "execute", "call", "load", "install", "set", "vacuum",
            "begin", "commit", "rollback", "checkpoint", "export", "import", "returning", "lateral");
    private static final Pattern FORBIDDEN_FUNCTIONS = Pattern.compile(
            "^(read_\\w*|pg_\\w*|lo_\\w*|dblink\\w*|glob|getenv|current_setting|set_config|load_extension"
                    + "|readfile|writefile|fts\\w*|sqlite_\\w*|duckdb_\\w*|query\\w*|parquet_\\w*|iceberg_\\w*"
                    + "|delta_\\w*|http\\w*|sniff_csv)$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private CustomFeatureExpressions() {
    }

    /** The problem with a custom feature name, or empty. */
    public static Optional<String> validateName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a custom feature needs a column name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return Optional.of("custom feature name '" + name + "' contains a control character");
            }
        }
        if (name.toLowerCase(Locale.ROOT).equals(FeatureTableWriter.ROW_COLUMN)) {
            return Optional.of("custom feature name '" + name + "' is reserved");
        }
        return Optional.empty();
    }

    /** The problem with an expression, or empty when it looks like one expression over the table's columns. */
    public static Optional<String> validate(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("the SQL expression is empty");
        }
        StringBuilder bare = new StringBuilder();
        int depth = 0;
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(expression, i, c);
                if (end < 0) {
                    return Optional.of("unterminated " + (c == '\'' ? "string literal" : "quoted identifier")
                            + " starting at position " + (i + 1));
                }
                bare.append(c == '"' ? " q " : " s ");
                i = end + 1;
                continue;
            }
            if (c == ';') {
                return Optional.of("';' is not allowed: a custom feature is one expression, not statements");
            }
            if ((c == '-' && i + 1 < length && expression.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < length && expression.charAt(i + 1) == '*')) {
                return Optional.of("comments are not allowed in a custom feature expression");
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    return Optional.of("unbalanced ')' at position " + (i + 1));
                }
            } else if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                return Optional.of("control character at position " + (i + 1));
            }
            bare.append(c);
            i++;
        }
        if (depth != 0) {
            return Optional.of("unbalanced parentheses: " + depth + " '(' not closed");
        }
        Matcher words = WORD.matcher(bare);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (FORBIDDEN_WORDS.contains(word)) {
                return Optional.of("'" + words.group() + "' is not allowed: a custom feature is an expression over "
                        + "the table's own columns (no statements or subqueries)");
            }
            if (FORBIDDEN_FUNCTIONS.matcher(word).matches()) {
                return Optional.of("function '" + words.group() + "' is not allowed in a custom feature");
            }
        }
        return Optional.empty();
    }

    private static int closingQuote(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }
}
