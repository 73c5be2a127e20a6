package io.nifimdm.core.stats;

import static io.nifimdm.core.stats.ExpectedStatistics.counts;
import static io.nifimdm.core.stats.ExpectedStatistics.distinct;
import static io.nifimdm.core.stats.ExpectedStatistics.doubles;
import static io.nifimdm.core.stats.ExpectedStatistics.mean;
import static io.nifimdm.core.stats.ExpectedStatistics.percentile;
import static io.nifimdm.core.stats.ExpectedStatistics.present;
import static io.nifimdm.core.stats.ExpectedStatistics.sampleStd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TableStatisticsAccumulatorTest {

    private static final StatisticsOptions DEFAULTS = StatisticsOptions.defaults();

    @Test
    void everyStatisticOfASmallTableIsExactAndMatchesAnIndependentComputation() {
        List<ColumnDef> columns = StatisticsTestData.MIXED_COLUMNS;
        List<Object[]> rows = StatisticsTestData.mixedRows(5_000, 42);

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        assertThat(statistics.rowCount()).isEqualTo(5_000);
        assertThat(statistics.columnCount()).isEqualTo(columns.size());
        assertThat(statistics.duplicateRows()).isEqualTo(ExpectedStatistics.duplicateRows(rows)).isGreaterThan(10);
        assertThat(statistics.duplicateRowsApproximate()).isFalse();
        long missing = ExpectedStatistics.missingCells(rows);
        assertThat(statistics.missingCells()).isEqualTo(missing);
        assertThat(statistics.rowsWithMissing()).isEqualTo(ExpectedStatistics.rowsWithMissing(rows));
        assertThat(statistics.completeness()).isCloseTo(1.0 - (double) missing / (5_000.0 * columns.size()), within(1e-12));

        for (int c = 0; c < columns.size(); c++) {
            ColumnDef column = columns.get(c);
            ColumnStatistics actual = statistics.columns().get(c);
            List<Object> values = present(rows, c);
            assertThat(actual.name()).isEqualTo(column.name());
            assertThat(actual.type()).isEqualTo(column.type());
            assertThat(actual.rowCount()).isEqualTo(5_000);
            assertThat(actual.nullCount()).as(column.name()).isEqualTo(5_000 - values.size());
            assertThat(actual.distinctCount()).as(column.name()).isEqualTo(distinct(values));
            assertThat(actual.distinctApproximate()).isFalse();
            if (values.isEmpty()) {
                assertThat(actual.numeric()).isNull();
                assertThat(actual.topValues()).isNull();
                continue;
            }
            switch (column.type()) {
                case INTEGER, DECIMAL -> assertNumericExact(actual, values);
                case TEXT -> assertThat(actual.topValues()).isEqualTo(expectedTop(values, Comparator.comparing(v -> (String) v)));
                case BOOLEAN -> assertThat(actual.booleans()).isEqualTo(new BooleanStatistics(
                        values.stream().filter(Boolean.TRUE::equals).count(),
                        values.stream().filter(Boolean.FALSE::equals).count()));
                case DATE -> {
                    LocalDate min = values.stream().map(LocalDate.class::cast).min(Comparator.naturalOrder()).orElseThrow();
                    LocalDate max = values.stream().map(LocalDate.class::cast).max(Comparator.naturalOrder()).orElseThrow();
                    assertThat(actual.temporal()).isEqualTo(new TemporalStatistics(min, max, ChronoUnit.DAYS.between(min, max)));
                }
                case TIMESTAMP -> {
                    LocalDateTime min = values.stream().map(LocalDateTime.class::cast).min(Comparator.naturalOrder()).orElseThrow();
                    LocalDateTime max = values.stream().map(LocalDateTime.class::cast).max(Comparator.naturalOrder()).orElseThrow();
                    assertThat(actual.temporal()).isEqualTo(new TemporalStatistics(min, max, Duration.between(min, max).toDays()));
                }
            }
        }
        assertThat(statistics.column("all null").orElseThrow().nullPercentage()).isEqualTo(100.0);
        assertThat(statistics.column("const").orElseThrow().distinctCount()).isEqualTo(1);
    }

    private static void assertNumericExact(ColumnStatistics actual, List<Object> values) {
        double[] numbers = doubles(values);
        NumericStatistics numeric = actual.numeric();
        if (actual.type() == ColumnType.INTEGER) {
            assertThat(numeric.min()).isEqualTo(values.stream().mapToLong(v -> (Long) v).min().orElseThrow());
            assertThat(numeric.max()).isEqualTo(values.stream().mapToLong(v -> (Long) v).max().orElseThrow());
            assertThat(actual.topValues()).isEqualTo(expectedTop(values, Comparator.comparingLong(v -> (Long) v)));
        } else {
            assertThat(numeric.min()).isEqualTo(Arrays.stream(numbers).min().orElseThrow());
            assertThat(numeric.max()).isEqualTo(Arrays.stream(numbers).max().orElseThrow());
            assertThat(actual.topValues()).isNull();
        }
        double scale = Math.max(1.0, Math.abs(mean(numbers)));
        assertThat(numeric.mean()).as(actual.name()).isCloseTo(mean(numbers), within(1e-12 * scale));
        assertThat(numeric.std()).as(actual.name()).isCloseTo(sampleStd(numbers), within(1e-9 * scale));
        assertThat(numeric.q1()).isEqualTo(percentile(numbers, 0.25));
        assertThat(numeric.median()).isEqualTo(percentile(numbers, 0.5));
        assertThat(numeric.q3()).isEqualTo(percentile(numbers, 0.75));
        assertThat(numeric.quantilesApproximate()).isFalse();
        assertThat(numeric.quantileRankError()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static TopValues expectedTop(List<Object> values, Comparator<?> valueOrder) {
        Comparator<Object> order = (Comparator<Object>) valueOrder;
        List<Map.Entry<Object, Long>> entries = new ArrayList<>(counts(values).entrySet());
        entries.sort(Map.Entry.<Object, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey, order));
        List<ValueCount> top = entries.stream().limit(10).map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
        return new TopValues(top, false, 0);
    }

    @Test
    void specCase21AllNullConstantAndZeroToNinetyNine() {
        List<ColumnDef> columns = List.of(new ColumnDef("empty", ColumnType.DECIMAL),
                new ColumnDef("constant", ColumnType.TEXT), new ColumnDef("counter", ColumnType.INTEGER));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(new Object[] {null, "x", i});
        }

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        ColumnStatistics empty = statistics.column("empty").orElseThrow();
        assertThat(empty.nullPercentage()).isEqualTo(100.0);
        assertThat(empty.distinctCount()).isZero();
        assertThat(empty.numeric()).isNull();
        assertThat(statistics.column("constant").orElseThrow().distinctCount()).isEqualTo(1);
        assertThat(statistics.column("constant").orElseThrow().topValues().values()).containsExactly(new ValueCount("x", 100));
        ColumnStatistics counter = statistics.column("counter").orElseThrow();
        assertThat(counter.distinctCount()).isEqualTo(100);
        assertThat(counter.numeric().min()).isEqualTo(0L);
        assertThat(counter.numeric().max()).isEqualTo(99L);
        assertThat(counter.numeric().mean()).isEqualTo(49.5);
        assertThat(counter.numeric().median()).isEqualTo(49.5);
        assertThat(counter.numeric().q1()).isEqualTo(24.75);
        assertThat(counter.numeric().q3()).isEqualTo(74.25);
        assertThat(counter.numeric().std()).isCloseTo(29.011491975882016, within(1e-12));
        assertThat(statistics.duplicateRows()).isZero();
        assertThat(statistics.completeness()).isCloseTo(200.0 / 300.0, within(1e-12));
    }

    @Test
    void specCase20ThousandRowsWithFiveCopiedRowsHaveFiveDuplicates() {
        List<ColumnDef> columns = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            columns.add(new ColumnDef("c" + c, c % 3 == 0 ? ColumnType.TEXT : c % 3 == 1 ? ColumnType.DECIMAL : ColumnType.INTEGER));
        }
        Random random = new Random(20);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 995; r++) {
            Object[] row = new Object[10];
            for (int c = 0; c < 10; c++) {
                // few distinct values per column, so rows differ only in their combination
                row[c] = switch (c % 3) {
                    case 0 -> "v" + random.nextInt(4);
                    case 1 -> random.nextInt(4) / 2.0;
                    default -> (long) random.nextInt(4);
                };
            }
            row[9] = "row " + r; // keeps the 995 originals distinct
            rows.add(row);
        }
        for (int copy = 0; copy < 5; copy++) {
            rows.add(rows.get(copy * 100).clone());
        }
        Collections.shuffle(rows, random);

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        assertThat(statistics.rowCount()).isEqualTo(1000);
        assertThat(statistics.columnCount()).isEqualTo(10);
        assertThat(statistics.duplicateRows()).isEqualTo(5);
        assertThat(statistics.duplicatePercentage()).isEqualTo(0.5);
    }

    @Test
    void rowsDifferingOnlyInWhereANullSitsAreNotDuplicates() {
        List<ColumnDef> columns = List.of(new ColumnDef("a", ColumnType.TEXT), new ColumnDef("b", ColumnType.TEXT));
        List<Object[]> rows = List.of(new Object[] {null, "x"}, new Object[] {"x", null}, new Object[] {"", "x"},
                new Object[] {null, "x"}, new Object[] {null, null}, new Object[] {null, null});

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        assertThat(statistics.duplicateRows()).isEqualTo(2);
        assertThat(statistics.rowsWithMissing()).isEqualTo(5);
        assertThat(statistics.missingCells()).isEqualTo(7);
    }

    @Test
    void nanCountsAsMissingNegativeZeroEqualsZeroAndEmptyStringIsAValue() {
        List<ColumnDef> columns = List.of(new ColumnDef("x", ColumnType.DECIMAL), new ColumnDef("s", ColumnType.TEXT));
        List<Object[]> rows = List.of(new Object[] {1.5, ""}, new Object[] {Double.NaN, null}, new Object[] {-0.0, ""},
                new Object[] {0.0, "é"}, new Object[] {null, "e\u0301"});

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        ColumnStatistics x = statistics.columns().get(0);
        assertThat(x.nullCount()).isEqualTo(2);
        assertThat(x.distinctCount()).isEqualTo(2);
        assertThat(x.numeric().min()).isEqualTo(0.0);
        assertThat(x.numeric().max()).isEqualTo(1.5);
        assertThat(x.numeric().mean()).isEqualTo(0.5);
        ColumnStatistics s = statistics.columns().get(1);
        assertThat(s.nullCount()).isEqualTo(1);
        assertThat(s.distinctCount()).as("'é' precomposed and decomposed are different strings").isEqualTo(3);
        assertThat(s.topValues().values()).containsExactly(new ValueCount("", 2), new ValueCount("e\u0301", 1), new ValueCount("é", 1));
        assertThat(statistics.rowsWithMissing()).isEqualTo(2);
    }

    @Test
    void anEmptyTableHasCountsButNoValueStatistics() {
        TableStatistics statistics = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS).finish();

        assertThat(statistics.rowCount()).isZero();
        assertThat(statistics.completeness()).isEqualTo(1.0);
        assertThat(statistics.duplicateRows()).isZero();
        for (ColumnStatistics column : statistics.columns()) {
            assertThat(column.nullPercentage()).isZero();
            assertThat(column.distinctCount()).isZero();
            assertThat(column.numeric()).isNull();
            assertThat(column.temporal()).isNull();
            assertThat(column.booleans()).isNull();
            assertThat(column.topValues()).isNull();
        }
    }

    @Test
    void integerExtremesStayExactBeyondDoublePrecision() {
        List<ColumnDef> columns = List.of(new ColumnDef("big", ColumnType.INTEGER));
        List<Object[]> rows = List.of(new Object[] {Long.MAX_VALUE}, new Object[] {Long.MAX_VALUE - 1}, new Object[] {Long.MIN_VALUE});

        ColumnStatistics big = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS).columns().get(0);

        assertThat(big.numeric().max()).isEqualTo(Long.MAX_VALUE);
        assertThat(big.numeric().min()).isEqualTo(Long.MIN_VALUE);
        assertThat(big.distinctCount()).isEqualTo(3);
    }

    @Test
    void timestampsOfTheSameMicrosecondAreOneValueAndRangeDaysDropsPartialDays() {
        List<ColumnDef> columns = List.of(new ColumnDef("ts", ColumnType.TIMESTAMP), new ColumnDef("d", ColumnType.DATE));
        LocalDateTime start = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
        List<Object[]> rows = List.of(new Object[] {start, LocalDate.of(1900, 1, 1)},
                new Object[] {start.plusNanos(1_000), LocalDate.of(2099, 12, 31)},
                new Object[] {start.plusDays(3).minusSeconds(1), null},
                new Object[] {start, LocalDate.of(1900, 1, 1)});

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        ColumnStatistics ts = statistics.columns().get(0);
        assertThat(ts.distinctCount()).isEqualTo(3);
        assertThat(ts.temporal()).isEqualTo(new TemporalStatistics(start, start.plusDays(3).minusSeconds(1), 2));
        ColumnStatistics d = statistics.columns().get(1);
        assertThat(d.temporal().rangeDays()).isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(1900, 1, 1), LocalDate.of(2099, 12, 31)));
        assertThat(d.distinctCount()).isEqualTo(2);
        assertThat(statistics.duplicateRows()).isEqualTo(1);
    }

    @Test
    void aLargeTableBeyondTheExactThresholdsStaysWithinTheDocumentedBounds() {
        List<ColumnDef> columns = List.of(new ColumnDef("k", ColumnType.INTEGER), new ColumnDef("x", ColumnType.DECIMAL),
                new ColumnDef("word", ColumnType.TEXT), new ColumnDef("ts", ColumnType.TIMESTAMP));
        int rowCount = 300_000;
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>(rowCount);
        LocalDateTime epoch = LocalDateTime.of(2021, 6, 1, 0, 0);
        for (int i = 0; i < rowCount; i++) {
            if (i % 1000 == 999) {
                rows.add(rows.get(random.nextInt(rows.size())).clone());
                continue;
            }
            // word: a handful of very frequent values over a long tail of 40,000 rare ones
            int bucket = random.nextInt(100);
            String word = bucket < 30 ? "common-" + bucket % 3 : "rare-" + random.nextInt(40_000);
            rows.add(new Object[] {(long) random.nextInt(2_000_000), Math.exp(random.nextGaussian()), word,
                    random.nextInt(50) == 0 ? null : epoch.plusSeconds(random.nextInt(100_000_000))});
        }

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, DEFAULTS);

        double distinctBound = 3 * 1.04 / Math.sqrt(1 << DEFAULTS.hllPrecision());
        for (int c : new int[] {0, 1, 2, 3}) {
            ColumnStatistics column = statistics.columns().get(c);
            long expected = distinct(present(rows, c));
            assertThat(expected).isGreaterThan(DEFAULTS.distinctExactLimit());
            assertThat(column.distinctApproximate()).as(column.name()).isTrue();
            assertThat((double) column.distinctCount()).as(column.name())
                    .isCloseTo(expected, within(distinctBound * expected));
        }
        for (int c : new int[] {0, 1}) {
            ColumnStatistics column = statistics.columns().get(c);
            double[] values = doubles(present(rows, c));
            NumericStatistics numeric = column.numeric();
            assertThat(numeric.quantilesApproximate()).isTrue();
            assertThat(numeric.quantileRankError()).isBetween(0.001, 0.01);
            assertThat(numeric.mean()).isCloseTo(mean(values), within(1e-9 * Math.abs(mean(values))));
            assertThat(numeric.std()).isCloseTo(sampleStd(values), within(1e-9 * sampleStd(values)));
            assertThat(numeric.min().doubleValue()).isEqualTo(Arrays.stream(values).min().orElseThrow());
            assertThat(numeric.max().doubleValue()).isEqualTo(Arrays.stream(values).max().orElseThrow());
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            assertRankWithin(sorted, numeric.q1(), 0.25, numeric.quantileRankError());
            assertRankWithin(sorted, numeric.median(), 0.5, numeric.quantileRankError());
            assertRankWithin(sorted, numeric.q3(), 0.75, numeric.quantileRankError());
        }
        assertThat(statistics.columns().get(0).topValues()).as("integer top values stop past the exact limit").isNull();

        TopValues top = statistics.columns().get(2).topValues();
        Map<Object, Long> trueCounts = counts(present(rows, 2));
        assertThat(top.approximate()).isTrue();
        assertThat(top.values()).hasSize(10);
        assertThat(top.values().subList(0, 3)).extracting(ValueCount::value)
                .containsExactlyInAnyOrder("common-0", "common-1", "common-2");
        for (ValueCount entry : top.values()) {
            long actual = trueCounts.getOrDefault(entry.value(), 0L);
            assertThat(entry.count()).as(String.valueOf(entry.value())).isBetween(actual - top.maxError(), actual);
        }
        assertThat(top.maxError()).isLessThan(rowCount / 100);

        assertThat(statistics.duplicateRowsApproximate()).isFalse();
        assertThat(statistics.duplicateRows()).isEqualTo(ExpectedStatistics.duplicateRows(rows));
        assertThat(statistics.rowsWithMissing()).isEqualTo(ExpectedStatistics.rowsWithMissing(rows));
    }

    private static void assertRankWithin(double[] sorted, double quantile, double probability, double rankError) {
        int below = lowerBound(sorted, quantile);
        int atOrBelow = upperBound(sorted, quantile);
        double wanted = probability * sorted.length;
        double slack = rankError * sorted.length;
        assertThat(below).as("values below %s", quantile).isLessThanOrEqualTo((int) Math.ceil(wanted + slack));
        assertThat(atOrBelow).as("values at or below %s", quantile).isGreaterThanOrEqualTo((int) Math.floor(wanted - slack));
    }

    private static int lowerBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }

    private static int upperBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index < sorted.length && sorted[index] == value) {
            index++;
        }
        return index;
    }

    @Test
    void duplicateRowsPastTheExactLimitAreEstimatedWithinTheDocumentedBound() {
        StatisticsOptions smallLimit = new StatisticsOptions(10_000, 100_000, 10_000, 10, 14, 18, 4096);
        List<ColumnDef> columns = List.of(new ColumnDef("a", ColumnType.INTEGER), new ColumnDef("b", ColumnType.TEXT));
        Random random = new Random(99);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 180_000; i++) {
            rows.add(new Object[] {(long) i, "row " + random.nextInt(10)});
        }
        for (int i = 0; i < 20_000; i++) {
            rows.add(rows.get(random.nextInt(180_000)).clone());
        }
        Collections.shuffle(rows, random);

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, smallLimit);

        long distinctRows = 180_000;
        double bound = 3 * 1.04 / Math.sqrt(1 << smallLimit.rowHllPrecision()) * distinctRows;
        assertThat(statistics.duplicateRowsApproximate()).isTrue();
        assertThat((double) statistics.duplicateRows()).isCloseTo(20_000, within(bound));
    }

    @Test
    void duplicateRowsStayExactPastTheLimitWhileTheDistinctRowsAreFew() {
        StatisticsOptions smallLimit = new StatisticsOptions(10_000, 100_000, 4_096, 10, 14, 18, 4096);
        List<ColumnDef> columns = List.of(new ColumnDef("a", ColumnType.INTEGER), new ColumnDef("b", ColumnType.BOOLEAN));
        Random random = new Random(4);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(new Object[] {(long) random.nextInt(800), random.nextBoolean() ? null : random.nextBoolean()});
        }

        TableStatistics statistics = StatisticsTestData.statisticsOf(columns, rows, smallLimit);

        assertThat(statistics.duplicateRowsApproximate()).isFalse();
        assertThat(statistics.duplicateRows()).isEqualTo(ExpectedStatistics.duplicateRows(rows));
    }

    @Test
    void mergingAccumulatorsOfSplitRowsEqualsOnePassOverAllRows() {
        List<Object[]> rows = StatisticsTestData.mixedRows(4_000, 5);
        TableStatistics whole = StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows, DEFAULTS);

        for (int split : new int[] {0, 1, 1_234, 4_000}) {
            TableStatisticsAccumulator first = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS);
            TableStatisticsAccumulator second = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS);
            rows.subList(0, split).forEach(first::add);
            rows.subList(split, rows.size()).forEach(second::add);
            first.merge(second);
            assertSameStatistics(first.finish(), whole);
        }
    }

    @Test
    void mergingPastTheExactLimitsGivesApproximateResultsWithinBounds() {
        StatisticsOptions small = new StatisticsOptions(500, 2_000, 3_000, 10, 14, 18, 4096);
        List<Object[]> rows = StatisticsTestData.mixedRows(8_000, 11);
        TableStatisticsAccumulator first = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS, small);
        TableStatisticsAccumulator second = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS, small);
        rows.subList(0, 1_000).forEach(first::add); // still exact
        rows.subList(1_000, rows.size()).forEach(second::add); // past every limit

        first.merge(second);
        TableStatistics merged = first.finish();

        assertThat(merged.rowCount()).isEqualTo(8_000);
        assertThat(merged.duplicateRowsApproximate()).isTrue();
        assertThat((double) merged.duplicateRows()).isCloseTo(ExpectedStatistics.duplicateRows(rows), within(3 * 0.0021 * 8_000));
        ColumnStatistics id = merged.column("id").orElseThrow();
        assertThat(id.distinctApproximate()).isTrue();
        assertThat((double) id.distinctCount()).isCloseTo(8_000, within(0.025 * 8_000));
        assertThat(id.numeric().quantilesApproximate()).isTrue();
        assertThat(id.numeric().median()).isCloseTo(4_000, within(8_000 * (id.numeric().quantileRankError() + 0.001)));
        ColumnStatistics note = merged.column("note").orElseThrow();
        assertThat(note.topValues().approximate()).isTrue();
        Map<Object, Long> noteCounts = counts(present(rows, 7));
        for (ValueCount entry : note.topValues().values()) {
            long actual = noteCounts.getOrDefault(entry.value(), 0L);
            assertThat(entry.count()).isBetween(actual - note.topValues().maxError(), actual);
        }
        ColumnStatistics category = merged.column("naïve \"quoted\" name").orElseThrow();
        assertThat(category.distinctApproximate()).isFalse();
        assertThat(category.topValues()).isEqualTo(
                StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows, small).columns().get(3).topValues());
    }

    @Test
    void createdOnOneThreadFedAndFinishedOnAnother() throws Exception {
        List<Object[]> rows = StatisticsTestData.mixedRows(3_000, 3);
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<TableStatistics> result = background.submit(() -> {
                Object[] reused = new Object[StatisticsTestData.MIXED_COLUMNS.size()];
                for (Object[] row : rows) {
                    System.arraycopy(row, 0, reused, 0, row.length); // the caller may reuse its array
                    accumulator.add(reused);
                }
                return accumulator.finish();
            });
            assertThat(result.get()).isEqualTo(StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows, DEFAULTS));
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void finishIsASnapshotAndMoreRowsMayFollow() {
        List<Object[]> rows = StatisticsTestData.mixedRows(2_000, 8);
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS);
        rows.subList(0, 700).forEach(accumulator::add);
        TableStatistics early = accumulator.finish();
        rows.subList(700, 2_000).forEach(accumulator::add);

        assertThat(early).isEqualTo(StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows.subList(0, 700), DEFAULTS));
        assertSameStatistics(accumulator.finish(), StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows, DEFAULTS));
    }

    /**
     * Equal in everything, except that mean and std may differ by rounding: they are summed per
     * batch of rows, and where batches start depends on when finish or merge flushed.
     */
    static void assertSameStatistics(TableStatistics actual, TableStatistics expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("columns").isEqualTo(expected);
        assertThat(actual.columns()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("numeric")
                .isEqualTo(expected.columns());
        for (int c = 0; c < expected.columnCount(); c++) {
            NumericStatistics wanted = expected.columns().get(c).numeric();
            NumericStatistics got = actual.columns().get(c).numeric();
            if (wanted == null) {
                assertThat(got).isNull();
                continue;
            }
            assertThat(got).usingRecursiveComparison().ignoringFields("mean", "std").isEqualTo(wanted);
            assertThat(got.mean()).isCloseTo(wanted.mean(), within(1e-12 * Math.abs(wanted.mean()) + 1e-12));
            if (wanted.std() != null) {
                assertThat(got.std()).isCloseTo(wanted.std(), within(1e-12 * wanted.std() + 1e-12));
            }
        }
    }

    @Test
    void rejectsShortRowsAndValuesOfTheWrongType() {
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(
                List.of(new ColumnDef("a", ColumnType.INTEGER), new ColumnDef("b", ColumnType.DATE)));

        assertThatThrownBy(() -> accumulator.add(new Object[] {1L})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values").hasMessageContaining("2 columns");
        assertThatThrownBy(() -> accumulator.add(new Object[] {1L, "2024-01-01"})).isInstanceOf(ClassCastException.class);
    }
}
