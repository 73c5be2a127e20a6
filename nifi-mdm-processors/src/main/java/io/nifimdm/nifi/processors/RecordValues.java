package io.nifimdm.nifi.processors;

import org.apache.nifi.serialization.record.Record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Converts NiFi record values to the raw values mdm-core's typing understands. */
final class RecordValues {

    private RecordValues() {
    }

    static Object toRaw(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof LocalDate || value instanceof LocalDateTime) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            // Float.toString gives the shortest decimal that round-trips the float, not the widened double's digits.
            return Double.parseDouble(Float.toString(f));
        }
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            // Kept as text so the typing decides: integral values that fit become integers, others decimals.
            return value.toString();
        }
        if (value instanceof Character || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Time time) {
            return time.toString();
        }
        if (value instanceof java.util.Date date) {
            return LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Record record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String name : record.getSchema().getFieldNames()) {
                fields.put(name, toRaw(record.getValue(name)));
            }
            return JsonText.of(fields);
        }
        if (value instanceof Object[] array) {
            return JsonText.of(Arrays.stream(array).map(RecordValues::toRaw).toList());
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), toRaw(v)));
            return JsonText.of(fields);
        }
        return value.toString();
    }
}
