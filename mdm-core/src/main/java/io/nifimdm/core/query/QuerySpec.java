package io.nifimdm.core.query;

import java.util.List;

/**
 * A structured query on one table of a dataset. Empty lists mean "none" (all columns, no grouping...).
 *
 * @param columns      projected columns (ignored when grouping: the output is the group columns then the aggregates)
 * @param filter       row condition, or null
 * @param limit        at most this many rows, or null
 * @param offset       rows skipped before the first returned row, or null
 * @param sample       a reproducible sample of the filtered rows, taken before grouping, ordering and paging; or null
 */
public record QuerySpec(
        String table,
        List<String> columns,
        Filter filter,
        List<SortKey> orderBy,
        Long limit,
        Long offset,
        Sample sample,
        List<String> groupBy,
        List<Aggregation> aggregations) {

    public QuerySpec {
        columns = columns == null ? List.of() : List.copyOf(columns);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
    }

    /** Every row and column of a table. */
    public static QuerySpec table(String table) {
        return new QuerySpec(table, List.of(), null, List.of(), null, null, null, List.of(), List.of());
    }

    public boolean isAggregate() {
        return !groupBy.isEmpty() || !aggregations.isEmpty();
    }

    public QuerySpec withColumns(List<String> value) {
        return new QuerySpec(table, value, filter, orderBy, limit, offset, sample, groupBy, aggregations);
    }

    public QuerySpec withFilter(Filter value) {
        return new QuerySpec(table, columns, value, orderBy, limit, offset, sample, groupBy, aggregations);
    }

    public QuerySpec withOrderBy(List<SortKey> value) {
        return new QuerySpec(table, columns, filter, value, limit, offset, sample, groupBy, aggregations);
    }

    public QuerySpec withPaging(Long newLimit, Long newOffset) {
        return new QuerySpec(table, columns, filter, orderBy, newLimit, newOffset, sample, groupBy, aggregations);
    }

    public QuerySpec withSample(Sample value) {
        return new QuerySpec(table, columns, filter, orderBy, limit, offset, value, groupBy, aggregations);
    }

    public QuerySpec withAggregation(List<String> newGroupBy, List<Aggregation> newAggregations) {
        return new QuerySpec(table, columns, filter, orderBy, limit, offset, sample, newGroupBy, newAggregations);
    }
}
