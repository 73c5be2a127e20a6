package io.nifimdm.core.query;

/** One ORDER BY key: a table column or, in an aggregation, a group column or an aggregation's name. */
public record SortKey(String column, boolean descending) {
}
