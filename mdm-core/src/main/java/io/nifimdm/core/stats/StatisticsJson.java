package io.nifimdm.core.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifimdm.core.backend.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of {@link TableStatistics}: one JSON object per column and one for the table
 * (key {@code ""}), with MDM's snake_case field names. Derived figures (percentages, completeness)
 * are written for readers of the raw documents and recomputed on reading.
 */
final class StatisticsJson {

    static final String TABLE_KEY = "";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatisticsJson() {
    }

    static Map<String, String> write(TableStatistics statistics) {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put(TABLE_KEY, toText(tableDocument(statistics)));
        for (ColumnStatistics column : statistics.columns()) {
            if (column.name().isEmpty()) {
                throw new IllegalArgumentException("A column named \"\" cannot be stored: the key is the table's");
            }
            if (documents.put(column.name(), toText(columnDocument(column))) != null) {
                throw new IllegalArgumentException("Duplicate column name '" + column.name() + "'");
            }
        }
        return documents;
    }

    private static ObjectNode tableDocument(TableStatistics statistics) {
        ObjectNode table = MAPPER.createObjectNode();
        table.put("row_count", statistics.rowCount());
        table.put("column_count", statistics.columnCount());
        ArrayNode names = table.putArray("columns");
        statistics.columns().forEach(column -> names.add(column.name()));
        table.put("duplicate_rows", statistics.duplicateRows());
        table.put("duplicate_rows_approximate", statistics.duplicateRowsApproximate());
        table.put("duplicate_percentage", statistics.duplicatePercentage());
        table.put("missing_cells", statistics.missingCells());
        table.put("missing_percentage", statistics.missingPercentage());
        table.put("rows_with_missing", statistics.rowsWithMissing());
        table.put("completeness", statistics.completeness());
        return table;
    }

    private static ObjectNode columnDocument(ColumnStatistics column) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", column.name());
        node.put("type", column.type().name());
        node.put("row_count", column.rowCount());
        node.put("null_count", column.nullCount());
        node.put("null_percentage", column.nullPercentage());
        node.put("distinct_count", column.distinctCount());
        node.put("distinct_approximate", column.distinctApproximate());
        NumericStatistics numeric = column.numeric();
        if (numeric != null) {
            putNumber(node, "min", numeric.min());
            putNumber(node, "max", numeric.max());
            node.put("mean", numeric.mean());
            if (numeric.std() == null) {
                node.putNull("std");
            } else {
                node.put("std", numeric.std());
            }
            node.put("q1", numeric.q1());
            node.put("median", numeric.median());
            node.put("q3", numeric.q3());
            node.put("quantiles_approximate", numeric.quantilesApproximate());
            node.put("quantile_rank_error", numeric.quantileRankError());
        }
        TemporalStatistics temporal = column.temporal();
        if (temporal != null) {
            node.put("min", temporal.min().toString());
            node.put("max", temporal.max().toString());
            node.put("range_days", temporal.rangeDays());
        }
        BooleanStatistics booleans = column.booleans();
        if (booleans != null) {
            node.put("true_count", booleans.trueCount());
            node.put("false_count", booleans.falseCount());
        }
        TopValues top = column.topValues();
        if (top != null) {
            ArrayNode values = node.putArray("top_values");
            for (ValueCount entry : top.values()) {
                ObjectNode item = values.addObject();
                if (entry.value() instanceof Long number) {
                    item.put("value", number);
                } else {
                    item.put("value", (String) entry.value());
                }
                item.put("count", entry.count());
            }
            node.put("top_values_approximate", top.approximate());
            node.put("top_values_max_error", top.maxError());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String field, Number value) {
        if (value instanceof Long number) {
            node.put(field, number);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    static TableStatistics read(Map<String, String> documents) {
        JsonNode table = parse(TABLE_KEY, documents.get(TABLE_KEY));
        List<ColumnStatistics> columns = new ArrayList<>();
        for (JsonNode name : required(table, "columns", TABLE_KEY)) {
            columns.add(readColumn(name.asText(), parse(name.asText(), documents.get(name.asText()))));
        }
        return new TableStatistics(
                required(table, "row_count", TABLE_KEY).asLong(),
                columns,
                required(table, "duplicate_rows", TABLE_KEY).asLong(),
                required(table, "duplicate_rows_approximate", TABLE_KEY).asBoolean(),
                required(table, "missing_cells", TABLE_KEY).asLong(),
                required(table, "rows_with_missing", TABLE_KEY).asLong());
    }

    private static ColumnStatistics readColumn(String name, JsonNode node) {
        ColumnType type = ColumnType.valueOf(required(node, "type", name).asText());
        NumericStatistics numeric = null;
        TemporalStatistics temporal = null;
        BooleanStatistics booleans = null;
        if (type.isNumeric() && node.has("mean")) {
            JsonNode std = required(node, "std", name);
            numeric = new NumericStatistics(
                    readNumber(required(node, "min", name), type),
                    readNumber(required(node, "max", name), type),
                    readDouble(required(node, "mean", name)),
                    std.isNull() ? null : readDouble(std),
                    readDouble(required(node, "q1", name)),
                    readDouble(required(node, "median", name)),
                    readDouble(required(node, "q3", name)),
                    required(node, "quantiles_approximate", name).asBoolean(),
                    readDouble(required(node, "quantile_rank_error", name)));
        }
        if (type.isTemporal() && node.has("min")) {
            temporal = new TemporalStatistics(
                    readTemporal(required(node, "min", name), type),
                    readTemporal(required(node, "max", name), type),
                    required(node, "range_days", name).asLong());
        }
        if (type == ColumnType.BOOLEAN && node.has("true_count")) {
            booleans = new BooleanStatistics(node.get("true_count").asLong(), required(node, "false_count", name).asLong());
        }
        TopValues top = null;
        if (node.has("top_values")) {
            List<ValueCount> values = new ArrayList<>();
            for (JsonNode item : node.get("top_values")) {
                JsonNode value = required(item, "value", name);
                values.add(new ValueCount(type == ColumnType.INTEGER ? (Object) value.asLong() : value.asText(),
                        required(item, "count", name).asLong()));
            }
            top = new TopValues(values, required(node, "top_values_approximate", name).asBoolean(),
                    required(node, "top_values_max_error", name).asLong());
        }
        return new ColumnStatistics(name, type,
                required(node, "row_count", name).asLong(),
                required(node, "null_count", name).asLong(),
                required(node, "distinct_count", name).asLong(),
                required(node, "distinct_approximate", name).asBoolean(),
                numeric, temporal, booleans, top);
    }

    private static Number readNumber(JsonNode node, ColumnType type) {
        return type == ColumnType.INTEGER ? (Number) node.asLong() : (Number) readDouble(node);
    }

    /** Doubles are numbers, except the non-finite ones, which Jackson writes as quoted text. */
    private static double readDouble(JsonNode node) {
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
    }

    private static Temporal readTemporal(JsonNode node, ColumnType type) {
        return type == ColumnType.DATE ? LocalDate.parse(node.asText()) : LocalDateTime.parse(node.asText());
    }

    private static JsonNode required(JsonNode node, String field, String document) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("Statistics document '" + document + "' lacks '" + field + "'");
        }
        return value;
    }

    private static JsonNode parse(String key, String json) {
        if (json == null) {
            throw new IllegalArgumentException("No statistics document for '" + key + "'");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Statistics document '" + key + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String toText(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise statistics", e);
        }
    }
}
