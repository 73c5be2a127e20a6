package io.nifimdm.core.stats;

/**
 * One of a column's most frequent values and how often it occurs.
 *
 * @param value the value in its column's Java type ({@link String} for TEXT, {@link Long} for INTEGER)
 * @param count occurrences; an estimate when the enclosing {@link TopValues} is approximate
 */
public record ValueCount(Object value, long count) {
}
