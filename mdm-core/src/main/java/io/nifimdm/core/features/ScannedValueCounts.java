package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The value counts of several numeric columns from one scan of the table, sorted in the JVM: the same
 * {@link SortedValueCounts} as one {@code SELECT x, COUNT(*) ... GROUP BY x ORDER BY x} per column, for engines whose
 * sorted {@code GROUP BY}s cost more than sending the column once (PostgreSQL and SQLite sort each column on one core,
 * one query at a time per connection). The scan holds every value of the columns, so it is for tables of at most
 * {@link #MAX_VALUES} numeric cells (64 MB); larger tables keep the per-column queries, whose heap use does not grow
 * with the row count.
 *
 * <p>Grouping matches the engines': INTEGER columns are sorted as longs, so distinct longs stay distinct entries even
 * where their doubles coincide; DECIMAL columns compare as doubles with {@code -0.0} equal to {@code 0.0} (counted
 * as {@code 0.0}) and NaN after every number, as PostgreSQL and DuckDB order it.
 */
final class ScannedValueCounts {

    static final long MAX_VALUES = 8_000_000L;

    /**
     * The table held more values than {@link #MAX_VALUES} (it grew after its row count was read): nothing was counted,
     * and the caller counts with the per-column queries instead.
     */
    static final class TooManyValues extends RuntimeException {
        TooManyValues() {
            super("more than " + MAX_VALUES + " values", null, false, false);
        }
    }

    /** Receives one column's counts; called once per column, on up to two threads at once, in no fixed order. */
    @FunctionalInterface
    interface ColumnHandler {
        /**
         * @param values the column's non-null values in ascending order ({@code size} of them), as doubles; valid
         *               only during the call
         */
        void counted(int column, SortedValueCounts counts, int size, IntToDoubleFunction values) throws Exception;
    }

    private ScannedValueCounts() {
    }

    /** Whether a column's values can be counted here (others need their {@code GROUP BY}). */
    static boolean countable(ColumnInfo column) {
        return column.storageType() == ColumnType.INTEGER || column.storageType() == ColumnType.DECIMAL;
    }

    /**
     * Reads {@code columns} (indexes into {@code all}, every one {@link #countable}) of {@code schema.table} in one
     * query and hands each column's counts to {@code handler}, releasing the column's values once handled. The
     * same scan accumulates the row-aligned {@link PairSums} of {@code paired} (some of {@code columns}, in that
     * order) over their {@link CenteredValue#deviation}s, which keep the sums in range at the ends of the double range
     * and leave Pearson's r as it is, so their correlations need no query of their own.
     *
     * @param pairCentres parallel to {@code paired}: how each is centred, null for a column left out (NaN)
     * @param rows        the table's row count, at most {@link #MAX_VALUES} / columns
     * @return the pair sums of {@code paired}, null when fewer than two are paired
     * @throws TooManyValues when the table holds more than {@link #MAX_VALUES} values after all
     */
    static PairSums scan(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> all,
                         List<Integer> columns, List<Integer> paired, List<CenteredValue> pairCentres, long rows,
                         ColumnHandler handler) throws Exception {
        return scan(connection, backend, schema, table, all, columns, paired, pairCentres, rows, MAX_VALUES, handler);
    }

    /** {@link #scan} with another limit than {@link #MAX_VALUES}. */
    static PairSums scan(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> all,
                         List<Integer> columns, List<Integer> paired, List<CenteredValue> pairCentres, long rows,
                         long maxValues, ColumnHandler handler) throws Exception {
        int width = columns.size();
        if (rows * width > maxValues) {
            throw new IllegalArgumentException(rows + " rows of " + width + " columns exceed " + maxValues
                    + " values");
        }
        ColumnType[] types = new ColumnType[width];
        long[][] longs = new long[width][];
        double[][] doubles = new double[width][];
        int[] sizes = new int[width];
        for (int c = 0; c < width; c++) {
            types[c] = all.get(columns.get(c)).storageType();
            if (types[c] == ColumnType.INTEGER) {
                longs[c] = new long[(int) rows];
            } else {
                doubles[c] = new double[(int) rows];
            }
        }
        int[] pairPosition = paired.stream().mapToInt(columns::indexOf).toArray();
        for (int position : pairPosition) {
            if (position < 0) {
                throw new IllegalArgumentException("Paired columns " + paired + " are not all among " + columns);
            }
        }
        PairSums pairs = pairPosition.length >= 2 ? new PairSums(pairPosition.length) : null;
        double[] pairValues = new double[pairPosition.length];
        String sql = "SELECT " + columns.stream().map(c -> backend.quote(all.get(c).name()))
                .collect(Collectors.joining(", ")) + " FROM " + backend.qualified(schema, table);
        Object[] row = new Object[width];
        long[] stored = {0};
        SourceQueries.stream(connection, backend, sql, resultSet -> {
            for (int c = 0; c < width; c++) {
                Object value = backend.readValue(resultSet, c + 1, types[c]);
                row[c] = value;
                if (value == null) {
                    continue;
                }
                if (++stored[0] > maxValues) {
                    throw new TooManyValues();
                }
                int at = sizes[c];
                if (longs[c] != null) {
                    if (at == longs[c].length) {
                        longs[c] = Arrays.copyOf(longs[c], Math.max(16, at * 2));
                    }
                    longs[c][at] = ((Number) value).longValue();
                } else {
                    if (at == doubles[c].length) {
                        doubles[c] = Arrays.copyOf(doubles[c], Math.max(16, at * 2));
                    }
                    // -0.0 + 0.0 is 0.0: engines group the two zeros together
                    doubles[c][at] = FeatureComputer.number(value) + 0.0;
                }
                sizes[c] = at + 1;
            }
            if (pairs != null) {
                for (int k = 0; k < pairPosition.length; k++) {
                    CenteredValue centre = pairCentres.get(k);
                    pairValues[k] = centre == null ? Double.NaN
                            : centre.deviation(FeatureComputer.number(row[pairPosition[k]]));
                }
                pairs.add(pairValues);
            }
        });
        // the columns are sorted on two threads: the other connection's queries are done long before the sorts
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Runnable sortColumns = () -> {
            for (int c = next.getAndIncrement(); c < width && failure.get() == null; c = next.getAndIncrement()) {
                try {
                    SortedValueCounts counts;
                    IntToDoubleFunction values;
                    if (longs[c] != null) {
                        counts = countLongs(longs[c], sizes[c]);
                        long[] sorted = longs[c];
                        values = i -> sorted[i];
                    } else {
                        counts = countDoubles(doubles[c], sizes[c]);
                        double[] sorted = doubles[c];
                        values = i -> sorted[i];
                    }
                    handler.counted(columns.get(c), counts, sizes[c], values);
                    longs[c] = null;
                    doubles[c] = null;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread helper = width > 1 && Runtime.getRuntime().availableProcessors() > 1
                ? Thread.ofPlatform().daemon().name("mdm-features-sort").start(sortColumns) : null;
        try {
            sortColumns.run();
        } finally {
            if (helper != null) {
                helper.join();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return pairs;
    }

    static SortedValueCounts countLongs(long[] values, int size) {
        Arrays.sort(values, 0, size);
        SortedValueCounts counts = new SortedValueCounts();
        int i = 0;
        while (i < size) {
            long value = values[i];
            int end = i + 1;
            while (end < size && values[end] == value) {
                end++;
            }
            counts.add((double) value, end - i);
            i = end;
        }
        return counts;
    }

    static SortedValueCounts countDoubles(double[] values, int size) {
        Arrays.sort(values, 0, size);
        SortedValueCounts counts = new SortedValueCounts();
        int i = 0;
        while (i < size) {
            double value = values[i];
            int end = i + 1;
            // Double.compare, not ==, so that the NaNs (sorted last) form one entry as in the engines' GROUP BY
            while (end < size && Double.compare(values[end], value) == 0) {
                end++;
            }
            counts.add(value, end - i);
            i = end;
        }
        return counts;
    }
}
