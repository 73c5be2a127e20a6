package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;

import java.util.Locale;
import java.util.Set;

/**
 * The first gate for user SQL, before any engine sees it: exactly one statement that starts with SELECT, WITH, VALUES,
 * FROM or a parenthesis, with no statement keyword (INSERT, CREATE, ATTACH, COPY, PRAGMA, SET, INSTALL, LOAD, CALL,
 * ...) and no file, network or server-administration function anywhere outside string literals, quoted identifiers
 * and comments. The engines then run it read-only as well (see {@link DatasetQueries#openSql}); this check only makes
 * sure refused statements never reach them, with a clear message.
 *
 * <p>A column whose name is one of the refused keywords ({@code load}, {@code set}, ...) must be written in double
 * quotes.
 */
public final class ReadOnlySql {

    private static final Set<String> STARTS = Set.of("SELECT", "WITH", "VALUES", "FROM", "(");

    private static final Set<String> REFUSED_KEYWORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE_INTO", "CREATE", "DROP", "ALTER", "TRUNCATE",
            "ATTACH", "DETACH", "COPY", "PRAGMA", "INSTALL", "LOAD", "SET", "RESET", "CALL", "EXECUTE", "EXEC", "EXPORT",
            "IMPORT", "VACUUM", "CHECKPOINT", "GRANT", "REVOKE", "ANALYZE", "REINDEX", "LOCK", "LISTEN", "UNLISTEN",
            "NOTIFY", "DO", "PREPARE", "DEALLOCATE", "DECLARE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
            "INTO", "USE", "REFRESH", "COMMENT", "SECURITY", "OWNER", "FORCE", "PIVOT", "UNPIVOT", "SUMMARIZE",
            "DESCRIBE", "SHOW", "EXPLAIN");

    /** Functions that reach files, the network, the environment or server administration on one of the engines. */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            "getenv", "glob", "query", "query_table", "sniff_csv", "load_extension", "readfile", "writefile", "edit",
            "fts3_tokenizer", "set_config", "current_setting", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
            "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema", "cursor_to_xml",
            "cursor_to_xmlschema", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
            "pg_stat_file", "pg_file_write", "pg_logdir_ls", "txid_current", "nextval", "setval", "currval");
    private static final String[] REFUSED_FUNCTION_PREFIXES = {"read_", "pg_read", "pg_ls_", "lo_", "dblink",
            "parquet_", "csv_", "json_scan", "ndjson", "http", "s3", "iceberg", "delta_", "pg_advisory", "pg_try_",
            "pg_create", "pg_drop", "pg_replication", "pg_promote", "pg_switch", "pg_start", "pg_stop", "pg_backup"};

    private ReadOnlySql() {
    }

    /**
     * Returns the statement without a trailing semicolon.
     *
     * @throws MdmException naming what was refused
     */
    public static String check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new MdmException("The SQL statement is empty");
        }
        Scanner scanner = new Scanner(sql);
        String first = null;
        int statementEnd = -1;
        String token;
        while ((token = scanner.next()) != null) {
            if (statementEnd >= 0) {
                throw new MdmException("Only one SQL statement is allowed; found more after the ';'");
            }
            if (token.equals(";")) {
                statementEnd = scanner.tokenStart;
                continue;
            }
            String upper = token.toUpperCase(Locale.ROOT);
            if (first == null) {
                first = upper;
                if (!STARTS.contains(upper)) {
                    throw new MdmException("Only read-only queries are allowed (SELECT or WITH); the statement starts "
                            + "with '" + token + "'");
                }
            }
            if (REFUSED_KEYWORDS.contains(upper)) {
                throw new MdmException("Only read-only queries are allowed: '" + token + "' is refused (write a column "
                        + "of that name in double quotes)");
            }
            if (isWord(token) && scanner.nextNonSpace() == '(' && refusedFunction(token.toLowerCase(Locale.ROOT))) {
                throw new MdmException("Function '" + token + "' is not allowed in a read-only query: it reaches "
                        + "files, the network or the server's state");
            }
        }
        if (first == null) {
            throw new MdmException("The SQL statement is empty");
        }
        String trimmed = statementEnd >= 0 ? sql.substring(0, statementEnd) : sql;
        return trimmed.strip();
    }

    static boolean refusedFunction(String name) {
        if (REFUSED_FUNCTIONS.contains(name)) {
            return true;
        }
        for (String prefix : REFUSED_FUNCTION_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }

    /**
     * Splits SQL into words and single symbols, skipping whitespace, comments ({@code --}, nested {@code /* *\/}),
     * string literals ({@code '...'} with doubled quotes, PostgreSQL {@code E'...'} with backslash escapes and
     * {@code $tag$...$tag$}) and quoted identifiers ({@code "..."}, {@code `...`}, {@code [...]}), which it returns as
     * one opaque token each.
     */
    static final class Scanner {
        private final String sql;
        private int position;
        int tokenStart;

        Scanner(String sql) {
            this.sql = sql;
        }

        char nextNonSpace() {
            int p = position;
            while (p < sql.length()) {
                char c = sql.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (sql.startsWith("--", p)) {
                    int end = sql.indexOf('\n', p);
                    p = end < 0 ? sql.length() : end + 1;
                } else if (sql.startsWith("/*", p)) {
                    p = skipBlockComment(p);
                } else {
                    return c;
                }
            }
            return 0;
        }

        String next() {
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (sql.startsWith("--", position)) {
                    int end = sql.indexOf('\n', position);
                    position = end < 0 ? sql.length() : end + 1;
                } else if (sql.startsWith("/*", position)) {
                    position = skipBlockComment(position);
                } else {
                    break;
                }
            }
            if (position >= sql.length()) {
                return null;
            }
            tokenStart = position;
            char c = sql.charAt(position);
            if (c == '\'') {
                position = skipQuoted(position, '\'', false);
                return "'";
            }
            if ((c == 'E' || c == 'e') && position + 1 < sql.length() && sql.charAt(position + 1) == '\''
                    && !previousIsWordChar(position)) {
                position = skipQuoted(position + 1, '\'', true);
                return "'";
            }
            if (c == '"' || c == '`') {
                position = skipQuoted(position, c, false);
                return "\"";
            }
            if (c == '[') {
                int end = sql.indexOf(']', position);
                if (end < 0) {
                    throw new MdmException("Unclosed [ in the SQL statement");
                }
                position = end + 1;
                return "\"";
            }
            if (c == '$') {
                int close = sql.indexOf('$', position + 1);
                if (close > 0 && sql.substring(position + 1, close).chars().allMatch(
                        ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        && (close == position + 1 || !Character.isDigit(sql.charAt(position + 1)))) {
                    String tag = sql.substring(position, close + 1);
                    int end = sql.indexOf(tag, close + 1);
                    if (end < 0) {
                        throw new MdmException("Unclosed " + tag + " string in the SQL statement");
                    }
                    position = end + tag.length();
                    return "'";
                }
                position++;
                return "$";
            }
            if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_'
                        || sql.charAt(position) == '$')) {
                    position++;
                }
                return sql.substring(start, position);
            }
            position++;
            return String.valueOf(c);
        }

        private boolean previousIsWordChar(int p) {
            return p > 0 && (Character.isLetterOrDigit(sql.charAt(p - 1)) || sql.charAt(p - 1) == '_');
        }

        private int skipBlockComment(int start) {
            int depth = 0;
            int p = start;
            while (p < sql.length()) {
                if (sql.startsWith("/*", p)) {
                    depth++;
                    p += 2;
                } else if (sql.startsWith("*/", p)) {
                    depth--;
                    p += 2;
                    if (depth == 0) {
                        return p;
                    }
                } else {
                    p++;
                }
            }
            throw new MdmException("Unclosed /* comment in the SQL statement");
        }

        private int skipQuoted(int start, char quote, boolean backslashEscapes) {
            int p = start + 1;
            while (p < sql.length()) {
                char c = sql.charAt(p);
                if (backslashEscapes && c == '\\') {
                    p += 2;
                    continue;
                }
                if (c == quote) {
                    if (p + 1 < sql.length() && sql.charAt(p + 1) == quote) {
                        p += 2;
                        continue;
                    }
                    return p + 1;
                }
                p++;
            }
            throw new MdmException("Unclosed " + quote + " in the SQL statement");
        }
    }
}
