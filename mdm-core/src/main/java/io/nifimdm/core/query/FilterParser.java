package io.nifimdm.core.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.MdmException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a filter document shaped like MDM's {@code filters} dict. Every key of an object is a column, and all of an
 * object's conditions must hold:
 * <pre>
 * {"city": "Paris"}                       equality ({"city": null} is IS NULL)
 * {"city": ["Paris", "Oslo"]}             IN
 * {"age": {"&gt;=": 18, "&lt;": 65}}           comparisons: = != &lt;&gt; &lt; &lt;= &gt; &gt;= (or eq ne lt lte gt gte)
 * {"age": {"between": [18, 65]}}          both ends included
 * {"x": {"is_null": true}}                IS NULL (false: IS NOT NULL)
 * {"name": {"like": "A%"}}                LIKE, case-sensitive ("not_like" too); also "in" and "not_in"
 * {"$or": [{...}, {...}]}                 any of; "$and" all of; nest freely
 * </pre>
 */
public final class FilterParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DEPTH = 32;

    private FilterParser() {
    }

    /** The filter, or null for a blank document or an empty object. */
    public static Filter parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MdmException("Filters are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return null;
        }
        Filter filter = node(root, 0);
        return filter instanceof Filter.And and && and.parts().isEmpty() ? null : filter;
    }

    private static Filter node(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MdmException("Filters are nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isArray()) {
            return new Filter.And(list(node, depth));
        }
        if (!node.isObject()) {
            throw new MdmException("A filter must be a JSON object like {\"column\": value}, got " + node);
        }
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "$or" -> parts.add(new Filter.Or(requireArray(key, value, depth)));
                case "$and" -> parts.add(new Filter.And(requireArray(key, value, depth)));
                default -> parts.addAll(column(key, value));
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }

    private static List<Filter> requireArray(String key, JsonNode value, int depth) {
        if (!value.isArray() || value.isEmpty()) {
            throw new MdmException(key + " needs a non-empty array of filters");
        }
        return list(value, depth);
    }

    private static List<Filter> list(JsonNode array, int depth) {
        List<Filter> parts = new ArrayList<>();
        for (JsonNode element : array) {
            parts.add(node(element, depth + 1));
        }
        return parts;
    }

    private static List<Filter> column(String column, JsonNode value) {
        if (value.isArray()) {
            return List.of(new Filter.In(column, scalars(column, value), false));
        }
        if (!value.isObject()) {
            Object scalar = scalar(column, value);
            return List.of(scalar == null ? new Filter.IsNull(column, false)
                    : new Filter.Comparison(column, Filter.Operator.EQ, scalar));
        }
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            parts.add(condition(column, condition.getKey(), condition.getValue()));
        }
        if (parts.isEmpty()) {
            throw new MdmException("Filter on '" + column + "' has no condition");
        }
        return parts;
    }

    private static Filter condition(String column, String operator, JsonNode value) {
        String op = operator.trim().toLowerCase(Locale.ROOT);
        return switch (op) {
            case "=", "==", "eq" -> comparison(column, Filter.Operator.EQ, value);
            case "!=", "<>", "ne", "neq" -> comparison(column, Filter.Operator.NE, value);
            case "<", "lt" -> comparison(column, Filter.Operator.LT, value);
            case "<=", "lte", "le" -> comparison(column, Filter.Operator.LE, value);
            case ">", "gt" -> comparison(column, Filter.Operator.GT, value);
            case ">=", "gte", "ge" -> comparison(column, Filter.Operator.GE, value);
            case "in" -> new Filter.In(column, scalars(column, requireArray(column, op, value)), false);
            case "not_in", "nin" -> new Filter.In(column, scalars(column, requireArray(column, op, value)), true);
            case "between" -> {
                JsonNode range = requireArray(column, op, value);
                if (range.size() != 2) {
                    throw new MdmException("between on '" + column + "' needs [low, high]");
                }
                Object low = scalar(column, range.get(0));
                Object high = scalar(column, range.get(1));
                if (low == null || high == null) {
                    throw new MdmException("between on '" + column + "' needs two non-null bounds");
                }
                yield new Filter.Between(column, low, high);
            }
            case "is_null", "isnull" -> {
                if (!value.isBoolean()) {
                    throw new MdmException("is_null on '" + column + "' needs true or false");
                }
                yield new Filter.IsNull(column, !value.booleanValue());
            }
            case "like", "not_like" -> {
                if (!value.isTextual()) {
                    throw new MdmException(op + " on '" + column + "' needs a text pattern");
                }
                yield new Filter.Like(column, value.textValue(), op.equals("not_like"));
            }
            default -> throw new MdmException("Unknown filter operator '" + operator + "' on '" + column
                    + "': expected =, !=, <, <=, >, >=, in, not_in, between, is_null, like, not_like");
        };
    }

    private static Filter comparison(String column, Filter.Operator operator, JsonNode value) {
        Object scalar = scalar(column, value);
        if (scalar == null) {
            if (operator == Filter.Operator.EQ || operator == Filter.Operator.NE) {
                return new Filter.IsNull(column, operator == Filter.Operator.NE);
            }
            throw new MdmException("Cannot compare '" + column + "' " + operator.sql() + " null");
        }
        return new Filter.Comparison(column, operator, scalar);
    }

    private static JsonNode requireArray(String column, String op, JsonNode value) {
        if (!value.isArray()) {
            throw new MdmException(op + " on '" + column + "' needs an array");
        }
        return value;
    }

    private static List<Object> scalars(String column, JsonNode array) {
        if (array.isEmpty()) {
            throw new MdmException("The list of values for '" + column + "' is empty");
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode element : array) {
            values.add(scalar(column, element));
        }
        return values;
    }

    private static Object scalar(String column, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        throw new MdmException("Value for '" + column + "' must be a string, number, boolean or null, got " + value);
    }
}
