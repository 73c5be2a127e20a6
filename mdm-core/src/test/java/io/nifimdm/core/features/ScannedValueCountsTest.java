package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-scan value counts against each engine's own {@code GROUP BY x ORDER BY x}, which the fit used before and
 * still uses for large tables: the same entries, in the same order, with the same counts, on data with repeats,
 * nulls, both zeros, longs whose doubles coincide and values at the ends of the ranges.
 */
class ScannedValueCountsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"POSTGRESQL", "SQLITE", "DUCKDB"})
    void sameEntriesAsTheEnginesGroupBy(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("d", ColumnType.DECIMAL), new ColumnDef("n", ColumnType.INTEGER),
                new ColumnDef("sparse", ColumnType.DECIMAL), new ColumnDef("empty", ColumnType.INTEGER),
                new ColumnDef("g", ColumnType.DECIMAL), new ColumnDef("h", ColumnType.INTEGER));
        SplittableRandom random = new SplittableRandom(5);
        List<Object[]> rows = new ArrayList<>();
        long big = 1L << 60; // beyond 2^53: neighbouring longs share a double
        for (int i = 0; i < 3000; i++) {
            Double d = switch (i % 10) {
                case 0 -> null;
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> -Double.MAX_VALUE;
                default -> Math.round(random.nextGaussian() * 100) / 8.0;
            };
            Long n = i % 7 == 0 ? null : i % 3 == 0 ? big + random.nextInt(4) : random.nextLong(-50, 50);
            Double sparse = i % 500 == 0 ? 1.5 : null;
            double g = 1e6 + random.nextGaussian();
            rows.add(new Object[] {d, n, sparse, null, i % 11 == 0 ? null : g,
                i % 13 == 0 ? null : Math.round(g * 1000) + random.nextLong(-400, 400)});
        }
        Map<Integer, SortedValueCounts> scanned = java.util.Collections.synchronizedMap(new HashMap<>());
        try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id()))) {
            Dataset dataset = FeatureFixtures.typedTable(fixture.store(), "scan", "t", defs, rows);
            Backend backend = dataset.backend();
            List<ColumnInfo> columns = new ArrayList<>();
            for (int i = 0; i < defs.size(); i++) {
                columns.add(new ColumnInfo("t", defs.get(i).name(), i, defs.get(i).type(), SemanticType.NUMERIC,
                        ColumnRole.FEATURE));
            }
            List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
            try (Connection connection = dataset.openReadConnection()) {
                PairSums pairs = ScannedValueCounts.scan(connection, backend, dataset.schema(), "t", columns,
                        List.of(0, 1, 2, 3, 4, 5), List.of(4, 5), List.of(centre(backend, "g", 1e6, 10),
                                centre(backend, "h", 1e9, 1e4)), rows.size(), (column, counts, size, values) -> {
                            order.add(column);
                            scanned.put(column, counts);
                            for (int i = 1; i < size; i++) {
                                assertThat(values.applyAsDouble(i - 1)).isLessThanOrEqualTo(values.applyAsDouble(i));
                            }
                            assertThat(size).isEqualTo(counts.n());
                        });
                // a handler's failure on either sorting thread is the scan's failure
                assertThatThrownBy(() -> ScannedValueCounts.scan(connection, backend, dataset.schema(), "t", columns,
                        List.of(0, 1, 4, 5), List.of(), List.of(), rows.size(), (column, counts, size, values) -> {
                            if (column == 4) {
                                throw new IllegalStateException("column 4");
                            }
                        })).isInstanceOf(IllegalStateException.class).hasMessage("column 4");
                // a table that grew past the limit after its row count was read: nothing is handed on
                List<Integer> handed = new ArrayList<>();
                assertThatThrownBy(() -> ScannedValueCounts.scan(connection, backend, dataset.schema(), "t", columns,
                        List.of(0, 4), List.of(), List.of(), 10, 100, (column, counts, size, values) ->
                                handed.add(column))).isInstanceOf(ScannedValueCounts.TooManyValues.class);
                assertThat(handed).isEmpty();
                // the pair sums are row-aligned: against the same sums taken here over the rows as written
                PairSums expected = new PairSums(2);
                for (Object[] row : rows) {
                    expected.add(new double[] {FeatureComputer.number(row[4]), FeatureComputer.number(row[5])});
                }
                assertThat(pairs.correlation(0, 1)).isBetween(0.5, 1.0)
                        .isCloseTo(expected.correlation(0, 1), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
                for (int c = 0; c < defs.size(); c++) {
                    assertSameEntries(scanned.get(c), groupBy(connection, backend, dataset.schema(), defs.get(c)),
                            kind + " " + defs.get(c).name());
                }
            }
        }
        // the zeros are one entry, whatever their sign
        SortedValueCounts d = scanned.get(0);
        long zeros = rows.stream().filter(r -> r[0] != null && (Double) r[0] == 0).count();
        assertThat(zeros).isGreaterThanOrEqualTo(600);
        int zero = java.util.Arrays.binarySearch(d.rankTable().values(), 0.0);
        assertThat(zero).isNotNegative();
        assertThat(d.rankTable().counts()[zero]).isEqualTo(zeros);
        // the longs past 2^53 stay four entries although they print as one double
        SortedValueCounts n = scanned.get(1);
        assertThat(java.util.Arrays.stream(n.rankTable().values()).filter(v -> v == (double) big).count())
                .isEqualTo(4);
    }

    @Test
    void nanIsOneEntryAfterEveryNumber() {
        double[] values = {2, Double.NaN, -1, Double.NaN, 2, Double.POSITIVE_INFINITY};
        SortedValueCounts counts = ScannedValueCounts.countDoubles(values, values.length);
        RankTable table = counts.rankTable();
        assertThat(table.values()).containsExactly(-1, 2, Double.POSITIVE_INFINITY, Double.NaN);
        assertThat(table.counts()).containsExactly(1, 2, 1, 2);
        assertThat(counts.n()).isEqualTo(6);
        assertThat(counts.distinct()).isEqualTo(4);
    }

    @Test
    void refusesMoreValuesThanItMayHold() {
        assertThatThrownBy(() -> ScannedValueCounts.scan(null, null, null, "t", List.of(), List.of(0, 1), List.of(),
                List.of(), ScannedValueCounts.MAX_VALUES / 2 + 1, (column, counts, size, values) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CenteredValue centre(Backend backend, String column, double middle, double reach) {
        return CenteredValue.of(backend, column, ColumnType.DECIMAL, middle, middle - reach, middle + reach);
    }

    /** The entries the counts hold, through the exact rank table every column here is small enough for. */
    private static void assertSameEntries(SortedValueCounts actual, SortedValueCounts expected, String where) {
        RankTable a = actual.rankTable();
        RankTable e = expected.rankTable();
        assertThat(a.exact()).as(where).isTrue();
        assertThat(a.n()).as(where).isEqualTo(e.n());
        assertThat(actual.distinct()).as(where).isEqualTo(expected.distinct());
        assertThat(a.counts()).as(where).containsExactly(e.counts());
        assertThat(a.below()).as(where).containsExactly(e.below());
        double[] av = a.values();
        double[] ev = e.values();
        assertThat(av).as(where).hasSameSizeAs(ev);
        for (int i = 0; i < av.length; i++) {
            // == so the engines' choice of zero's sign in a group of both does not matter; NaN does not occur here
            assertThat(av[i] == ev[i]).as(where + " entry " + i + ": " + av[i] + " vs " + ev[i]).isTrue();
        }
    }

    private static SortedValueCounts groupBy(Connection connection, Backend backend, String schema, ColumnDef column)
            throws Exception {
        SortedValueCounts sorted = new SortedValueCounts();
        String x = backend.quote(column.name());
        SourceQueries.stream(connection, backend, "SELECT " + x + ", COUNT(*) FROM " + backend.qualified(schema, "t")
                + " WHERE " + x + " IS NOT NULL GROUP BY " + x + " ORDER BY " + x, rs -> sorted.add(
                FeatureComputer.number(backend.readValue(rs, 1, column.type())), rs.getLong(2)));
        return sorted;
    }
}
