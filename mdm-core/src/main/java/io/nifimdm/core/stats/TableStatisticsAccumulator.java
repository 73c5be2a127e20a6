package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of a table in one streaming pass over its rows, in memory bounded by
 * {@link StatisticsOptions} rather than by the row count, so a 100M-row table needs no more heap
 * than a 1M-row one.
 *
 * <p>Exact: row, null and boolean counts, min/max, mean and sample standard deviation (Welford),
 * missing cells, rows with missing values. Exact up to a threshold, then sketched (the result
 * says which, field by field):
 * <ul>
 *   <li>distinct values per column: exact to {@link StatisticsOptions#distinctExactLimit()} (10,000),
 *       then a HyperLogLog, relative standard error 1.04 / sqrt(2^precision): 0.81% at precision 14,
 *       so within 2.5% at three standard errors;</li>
 *   <li>quartiles: exact (linearly interpolated between closest ranks, as numpy) to {@link StatisticsOptions#quantileExactLimit()}
 *       (100,000) non-null values, then those of a uniform reservoir sample of that size: the true rank
 *       of a reported quartile is within 0.51% of the values of the requested rank at 99% confidence
 *       (Dvoretzky-Kiefer-Wolfowitz);</li>
 *   <li>top values of a TEXT column: exact while its distinct count is exact, then a Misra-Gries
 *       summary whose counts understate by at most {@link TopValues#maxError()} (below
 *       2 * rows / {@link StatisticsOptions#frequentItemsCapacity()}); INTEGER columns report top
 *       values only while exact;</li>
 *   <li>duplicate rows: exact (64-bit row hashes) for tables up to
 *       {@link StatisticsOptions#duplicateExactLimit()} (1,500,000) rows, and beyond while the distinct rows
 *       stay under three quarters of it; otherwise rows minus a HyperLogLog estimate of distinct rows
 *       (precision 18: relative standard error 0.2% of the distinct rows).</li>
 * </ul>
 *
 * <p>Values are the Java types {@link io.nifimdm.core.backend.ColumnType} documents; NaN in a
 * DECIMAL column counts as missing (as pandas does). Rows are taken in batches of 1,024 (one
 * column at a time, which keeps each column's state in cache); the row array itself is not
 * retained, so callers may reuse it.
 *
 * <p>Threading: not synchronized, but not tied to a thread either. It may be created on one thread
 * and fed and finished on another, as long as only one thread uses it at a time and the hand-over
 * is safely published (an executor submission, a {@code BlockingQueue}, a {@code Future}). To use
 * several threads, feed one accumulator per thread and {@link #merge} them.
 */
public final class TableStatisticsAccumulator {

    private final List<ColumnDef> columnDefs;
    private final StatisticsOptions options;
    private static final int BATCH = 1024;
    private static final long ROW_HASH_SEED = 0x2545F4914F6CDD1DL;

    private final ColumnAccumulator[] columns;
    private final Class<?>[] javaTypes;
    /** Rows not yet accumulated, column by column: [column][row in batch]. */
    private final Object[][] pending;
    private int pendingRows;
    private final long[] rowHashes = new long[BATCH];
    private final boolean[] rowMissing = new boolean[BATCH];
    private long rowCount;
    private long rowsWithMissing;
    private final DistinctRowCounter distinctRows;

    public TableStatisticsAccumulator(List<ColumnDef> columns) {
        this(columns, StatisticsOptions.defaults());
    }

    public TableStatisticsAccumulator(List<ColumnDef> columns, StatisticsOptions options) {
        this.columnDefs = List.copyOf(columns);
        this.options = options;
        this.columns = new ColumnAccumulator[columnDefs.size()];
        this.distinctRows = new DistinctRowCounter(options);
        this.pending = new Object[this.columns.length][BATCH];
        this.javaTypes = new Class<?>[this.columns.length];
        for (int i = 0; i < this.columns.length; i++) {
            this.columns[i] = ColumnAccumulator.of(columnDefs.get(i), options);
            this.javaTypes[i] = columnDefs.get(i).type().javaType();
        }
    }

    public List<ColumnDef> columns() {
        return columnDefs;
    }

    /**
     * Adds one row whose values are in column order.
     *
     * @throws IllegalArgumentException when the row has fewer values than the table has columns
     * @throws ClassCastException when a value is not of its column's Java type (the row is then not added)
     */
    public void add(Object[] row) {
        ColumnAccumulator[] accumulators = columns;
        if (row.length < accumulators.length) {
            throw new IllegalArgumentException("Row has " + row.length + " values, the table has "
                    + accumulators.length + " columns");
        }
        for (int i = 0; i < accumulators.length; i++) {
            Object value = row[i];
            if (value != null && value.getClass() != javaTypes[i]) {
                throw wrongType(i, value);
            }
        }
        int at = pendingRows;
        for (int i = 0; i < accumulators.length; i++) {
            pending[i][at] = row[i];
        }
        if (++pendingRows == BATCH) {
            flush();
        }
    }

    private ClassCastException wrongType(int column, Object value) {
        ColumnDef def = columnDefs.get(column);
        return new ClassCastException("Column '" + def.name() + "' of type " + def.type() + " takes "
                + javaTypes[column].getSimpleName() + " values, not " + value.getClass().getName());
    }

    private void flush() {
        int size = pendingRows;
        if (size == 0) {
            return;
        }
        java.util.Arrays.fill(rowHashes, 0, size, ROW_HASH_SEED);
        java.util.Arrays.fill(rowMissing, 0, size, false);
        for (int i = 0; i < columns.length; i++) {
            columns[i].addBatch(pending[i], size, rowHashes, rowMissing);
            java.util.Arrays.fill(pending[i], 0, size, null);
        }
        for (int r = 0; r < size; r++) {
            if (rowMissing[r]) {
                rowsWithMissing++;
            }
            distinctRows.add(Hashing.finishRow(rowHashes[r]));
        }
        rowCount += size;
        pendingRows = 0;
    }

    public long rowCount() {
        return rowCount + pendingRows;
    }

    /**
     * Adds everything another accumulator over the same columns has seen, as if its rows had been
     * added here (exact parts stay exact while the combined sizes stay under the limits). The other
     * accumulator must not be used afterwards.
     *
     * @throws IllegalArgumentException when the columns differ
     */
    public void merge(TableStatisticsAccumulator other) {
        if (!columnDefs.equals(other.columnDefs)) {
            throw new IllegalArgumentException("Cannot merge statistics of different columns: " + columnDefs
                    + " and " + other.columnDefs);
        }
        flush();
        other.flush();
        for (int i = 0; i < columns.length; i++) {
            columns[i].merge(other.columns[i]);
        }
        rowCount += other.rowCount;
        rowsWithMissing += other.rowsWithMissing;
        distinctRows.merge(other.distinctRows);
    }

    /**
     * The statistics of the rows added so far. Does not end the pass: more rows may be added and
     * finish called again.
     */
    public TableStatistics finish() {
        flush();
        List<ColumnStatistics> statistics = new ArrayList<>(columns.length);
        long missingCells = 0;
        for (ColumnAccumulator column : columns) {
            ColumnStatistics columnStatistics = column.finish(rowCount);
            missingCells += columnStatistics.nullCount();
            statistics.add(columnStatistics);
        }
        long duplicates = Math.max(0, rowCount - distinctRows.count());
        return new TableStatistics(rowCount, statistics, duplicates, !distinctRows.isExact(), missingCells, rowsWithMissing);
    }
}
