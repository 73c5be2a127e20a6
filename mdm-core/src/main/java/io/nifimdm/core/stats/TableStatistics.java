package io.nifimdm.core.stats;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statistics of one table: table-level counts plus one {@link ColumnStatistics} per column, in
 * column order. Stored per table in the dataset's metadata through {@link #toJsonByColumn()}.
 *
 * @param rowCount rows
 * @param columns per-column statistics in column order
 * @param duplicateRows rows equal in every column to an earlier row (pandas {@code duplicated().sum()})
 * @param duplicateRowsApproximate whether duplicateRows is estimated: past
 *        {@link StatisticsOptions#duplicateExactLimit()} distinct rows it is rowCount minus an HLL estimate
 *        of distinct rows, whose relative standard error is 1.04 / sqrt(2^{@link StatisticsOptions#rowHllPrecision()})
 *        (0.20% of the distinct rows with the defaults). Exact counts compare 64-bit row hashes, so two
 *        different rows are taken for equal with probability about n^2 / 2^65
 * @param missingCells null cells over all columns
 * @param rowsWithMissing rows with at least one null cell
 */
public record TableStatistics(
        long rowCount,
        List<ColumnStatistics> columns,
        long duplicateRows,
        boolean duplicateRowsApproximate,
        long missingCells,
        long rowsWithMissing) {

    public TableStatistics {
        columns = List.copyOf(columns);
    }

    public int columnCount() {
        return columns.size();
    }

    public long totalCells() {
        return rowCount * columns.size();
    }

    /** Non-null cells over all cells, 0..1 (1 for a table without cells). */
    public double completeness() {
        long total = totalCells();
        return total == 0 ? 1.0 : (double) (total - missingCells) / total;
    }

    /** Missing cells as a percentage of all cells, 0..100. */
    public double missingPercentage() {
        long total = totalCells();
        return total == 0 ? 0.0 : 100.0 * missingCells / total;
    }

    /** Duplicate rows as a percentage of rows, 0..100. */
    public double duplicatePercentage() {
        return rowCount == 0 ? 0.0 : 100.0 * duplicateRows / rowCount;
    }

    public Optional<ColumnStatistics> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /**
     * One JSON document per column keyed by column name, plus the table-level document under the
     * key {@code ""}: the shape {@link io.nifimdm.core.dataset.DatasetMetadata#putStatistics} stores.
     */
    public Map<String, String> toJsonByColumn() {
        return StatisticsJson.write(this);
    }

    /**
     * Reads back what {@link #toJsonByColumn()} wrote.
     *
     * @throws IllegalArgumentException when a document is missing or malformed
     */
    public static TableStatistics fromJsonByColumn(Map<String, String> jsonByColumn) {
        return StatisticsJson.read(jsonByColumn);
    }
}
