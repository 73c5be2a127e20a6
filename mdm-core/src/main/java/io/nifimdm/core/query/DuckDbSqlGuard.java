package io.nifimdm.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.MdmException;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps user SQL on DuckDB inside the dataset. DuckDB's switch for file access ({@code enable_external_access}) is
 * database-wide, and the dataset's database needs file access for its own bulk loads and exports, while a second
 * in-process DuckDB on the same file is not allowed (one owner per file). So the statement is parsed by DuckDB's own
 * parser ({@code json_serialize_sql}, which accepts SELECT statements only) and its syntax tree is checked: no table
 * functions at all ({@code read_csv}, {@code read_parquet}, {@code glob}, {@code query}, ...), and every table
 * reference must be a table of the dataset in the default catalog and schema or a CTE with a plain name; a name like
 * {@code 'data.csv'} or {@code "s3://..."} would otherwise be a replacement scan that reads a file. Functions that
 * reach files or the environment are refused by name as well. Statements other than one SELECT never reach
 * execution: {@link ReadOnlySql} refuses them first and the parser refuses them again.
 */
final class DuckDbSqlGuard {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DuckDbSqlGuard() {
    }

    /** @param tables the dataset's tables (compared case-insensitively, as DuckDB resolves names) */
    static void check(Connection connection, String sql, Set<String> tables) throws SQLException {
        JsonNode tree;
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
            statement.setString(1, sql);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                tree = MAPPER.readTree(resultSet.getString(1));
            }
        } catch (IOException e) {
            throw new MdmException("Could not read DuckDB's parse of the statement: " + e.getMessage(), e);
        }
        if (tree.path("error").asBoolean(false)) {
            throw new MdmException("Only read-only SELECT queries are allowed: "
                    + tree.path("error_message").asText("DuckDB refused the statement"));
        }
        JsonNode statements = tree.path("statements");
        if (!statements.isArray() || statements.size() != 1) {
            throw new MdmException("Exactly one SELECT statement is allowed");
        }
        Set<String> lowerTables = new HashSet<>();
        for (String table : tables) {
            lowerTables.add(table.toLowerCase(Locale.ROOT));
        }
        Set<String> cteNames = new HashSet<>();
        collectCteNames(statements, cteNames);
        walk(statements, lowerTables, cteNames);
    }

    private static void collectCteNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode map = node.path("cte_map").path("map");
            if (map.isArray()) {
                for (JsonNode entry : map) {
                    String key = entry.path("key").asText();
                    if (!PLAIN_NAME.matcher(key).matches()) {
                        throw new MdmException("CTE name '" + key + "' is not allowed: use letters, digits and _");
                    }
                    names.add(key.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (JsonNode child : node) {
            collectCteNames(child, names);
        }
    }

    private static void walk(JsonNode node, Set<String> tables, Set<String> cteNames) {
        if (node.isObject()) {
            String type = node.path("type").asText("");
            switch (type) {
                case "TABLE_FUNCTION" -> throw new MdmException("Table function '"
                        + node.path("function").path("function_name").asText("?") + "' is not allowed in a query; "
                        + "only the dataset's tables can be read");
                case "BASE_TABLE" -> checkTable(node, tables, cteNames);
                default -> {
                }
            }
            if ("FUNCTION".equals(node.path("class").asText(""))) {
                String name = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
                if (ReadOnlySql.refusedFunction(name)) {
                    throw new MdmException("Function '" + name + "' is not allowed in a read-only query: it reaches "
                            + "files, the network or the environment");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                walk(it.next().getValue(), tables, cteNames);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, tables, cteNames);
            }
        }
    }

    private static void checkTable(JsonNode node, Set<String> tables, Set<String> cteNames) {
        String catalog = node.path("catalog_name").asText("");
        String schema = node.path("schema_name").asText("");
        String table = node.path("table_name").asText("");
        String lower = table.toLowerCase(Locale.ROOT);
        boolean defaultSchema = catalog.isEmpty() && (schema.isEmpty() || schema.equalsIgnoreCase("main"));
        if (defaultSchema && schema.isEmpty() && cteNames.contains(lower)) {
            return;
        }
        if (defaultSchema && tables.contains(lower)) {
            return;
        }
        String qualified = (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table;
        throw new MdmException("Table '" + qualified + "' is not a table of this dataset; a query can read only the "
                + "dataset's tables");
    }
}
