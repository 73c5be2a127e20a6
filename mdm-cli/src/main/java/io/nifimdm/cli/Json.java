package io.nifimdm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON output: plain maps and lists, instants and dates as ISO-8601 text, non-finite doubles as null. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintStream out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(value(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON output", e);
        }
    }

    /** A value Jackson writes without extra modules. */
    static Object value(Object value) {
        if (value instanceof Temporal || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), value(v)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(Json::value).toList();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        return value;
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    static List<Object> list(Collection<?> items) {
        return items.stream().map(Json::value).toList();
    }
}
