package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.features.FeaturePlan.ColumnFit;
import io.nifimdm.core.features.FeaturePlan.InteractionFit;
import io.nifimdm.core.features.FeaturePlan.NumericFit;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics the fitter takes from the engine's aggregates, against exact references computed here: means and
 * standard deviations (BigDecimal), extremes, non-null counts, earliest timestamps and pairwise-complete correlations,
 * on data that breaks naive sums (large offsets, values near the ends of the double range, nulls, no rows).
 */
class FeatureFitterTest {

    private static final MathContext EXACT = MathContext.DECIMAL128;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void momentsAndExtremesMatchExactReferences(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("offset", ColumnType.DECIMAL),
                new ColumnDef("huge", ColumnType.DECIMAL), new ColumnDef("tiny", ColumnType.DECIMAL),
                new ColumnDef("big_int", ColumnType.INTEGER), new ColumnDef("flag", ColumnType.BOOLEAN),
                new ColumnDef("empty", ColumnType.DECIMAL));
        SplittableRandom random = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new Object[] {
                i % 7 == 0 ? null : 1e9 + random.nextDouble(),
                i % 5 == 0 ? null : (i % 2 == 0 ? 1.7e308 : -1.6e308) * random.nextDouble(),
                i % 3 == 0 ? null : 1e-200 * (1 + random.nextDouble()),
                i % 11 == 0 ? null : Long.MAX_VALUE - random.nextInt(1_000_000) * 1024L,
                i % 13 == 0 ? null : random.nextInt(3) == 0,
                null});
        }
        FeaturePlan plan = fit(kind, defs, rows);

        assertThat(plan.fitRows()).isEqualTo(1000);
        for (int c = 0; c < defs.size(); c++) {
            NumericFit fit = numeric(plan, defs.get(c).name());
            List<Double> values = column(rows, c);
            String where = kind + " " + defs.get(c).name();
            assertThat(fit.count()).as(where).isEqualTo(values.size());
            if (values.isEmpty()) {
                assertThat(fit.mean()).as(where).isNaN();
                assertThat(fit.std()).as(where).isNaN();
                assertThat(fit.min()).as(where).isNaN();
                assertThat(fit.distinct()).as(where).isZero();
                continue;
            }
            assertThat(fit.min()).as(where).isEqualTo(values.stream().mapToDouble(v -> v).min().orElseThrow());
            assertThat(fit.max()).as(where).isEqualTo(values.stream().mapToDouble(v -> v).max().orElseThrow());
            assertClose(fit.mean(), exactMean(values), where + " mean");
            assertClose(fit.std(), exactStd(values), where + " std");
        }
        // the missing-data family reads the null counts: 'empty' is all null, 'offset' 1 in 7
        assertThat(plan.missing().columns()).contains("offset").doesNotContain("empty");
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void oneRowAndNoRows(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("x", ColumnType.DECIMAL),
                new ColumnDef("when", ColumnType.TIMESTAMP));
        List<Object[]> one = new ArrayList<>();
        one.add(new Object[] {-2.5e-3, LocalDateTime.of(2021, 3, 4, 5, 6, 7)});
        FeaturePlan single = fit(kind, defs, one);
        NumericFit x = numeric(single, "x");
        assertThat(x.count()).isEqualTo(1);
        assertThat(x.mean()).isEqualTo(-2.5e-3);
        assertThat(x.std()).isNaN();
        assertThat(x.q1()).isEqualTo(-2.5e-3);
        assertThat(fitOf(single, "when").temporal().start()).isEqualTo("2021-03-04T05:06:07");

        FeaturePlan none = fit(kind, defs, List.of());
        assertThat(none.fitRows()).isZero();
        assertThat(numeric(none, "x").count()).isZero();
        assertThat(numeric(none, "x").mean()).isNaN();
        assertThat(fitOf(none, "when").temporal().start()).isNull();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void earliestTimestampAndDateAreTheMinimaInTime(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("at", ColumnType.TIMESTAMP), new ColumnDef("on", ColumnType.DATE));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {LocalDateTime.of(2020, 1, 2, 0, 0, 0, 500_000_000), LocalDate.of(1999, 12, 31)});
        rows.add(new Object[] {null, null});
        // earlier within the same second, by its fraction
        rows.add(new Object[] {LocalDateTime.of(2020, 1, 2, 0, 0, 0, 123_456_000), LocalDate.of(2000, 1, 1)});
        rows.add(new Object[] {LocalDateTime.of(2024, 6, 1, 12, 0), LocalDate.of(1999, 12, 30)});
        rows.add(new Object[] {LocalDateTime.of(2020, 1, 2, 0, 0, 1), null});
        FeaturePlan plan = fit(kind, defs, rows);
        assertThat(fitOf(plan, "at").temporal().start()).isEqualTo("2020-01-02T00:00:00.123456");
        assertThat(fitOf(plan, "on").temporal().start()).isEqualTo("1999-12-30T00:00");
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void correlationsAreOverRowsWhereBothArePresent(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("a", ColumnType.DECIMAL), new ColumnDef("b", ColumnType.DECIMAL),
                new ColumnDef("c", ColumnType.INTEGER));
        SplittableRandom random = new SplittableRandom(7);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double a = random.nextGaussian();
            rows.add(new Object[] {
                i % 9 == 0 ? null : 1e9 + a,
                i % 4 == 0 ? null : 1e-3 * (0.6 * a + 0.8 * random.nextGaussian()),
                i % 6 == 0 ? null : (long) (1000 * (a + random.nextGaussian()))});
        }
        FeaturePlan plan = fit(kind, defs, rows);
        assertThat(plan.interactions()).hasSize(3);
        for (InteractionFit interaction : plan.interactions()) {
            int x = indexOf(defs, interaction.a());
            int y = indexOf(defs, interaction.b());
            assertClose(interaction.correlation(), pairwisePearson(rows, x, y),
                    kind + " " + interaction.a() + " x " + interaction.b());
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void correlationsHoldAtTheEndsOfTheDoubleRange(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("huge", ColumnType.DECIMAL),
                new ColumnDef("tiny", ColumnType.DECIMAL), new ColumnDef("far", ColumnType.DECIMAL));
        SplittableRandom random = new SplittableRandom(17);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            double a = random.nextGaussian();
            rows.add(new Object[] {
                i % 8 == 0 ? null : 1e200 * a,
                i % 5 == 0 ? null : 1e-200 * (0.6 * a + 0.8 * random.nextGaussian()),
                i % 7 == 0 ? null : 1e15 + 1e3 * (a + random.nextGaussian())});
        }
        FeaturePlan plan = fit(kind, defs, rows);
        assertThat(plan.interactions()).hasSize(3);
        for (InteractionFit interaction : plan.interactions()) {
            assertClose(interaction.correlation(), pairwisePearson(rows, indexOf(defs, interaction.a()),
                    indexOf(defs, interaction.b())), kind + " " + interaction.a() + " x " + interaction.b());
        }
    }

    /**
     * PostgreSQL and SQLite fit small tables from one scan sorted in the JVM and large ones with a query per column:
     * both give the same plan (moments to rounding).
     */
    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"POSTGRESQL", "SQLITE"})
    void theOneScanFitAndThePerColumnQueriesAgree(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("x", ColumnType.DECIMAL), new ColumnDef("k", ColumnType.INTEGER),
                new ColumnDef("y", ColumnType.DECIMAL), new ColumnDef("huge", ColumnType.DECIMAL));
        SplittableRandom random = new SplittableRandom(23);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            double x = random.nextGaussian();
            rows.add(new Object[] {i % 10 == 0 ? null : 1e9 + x, i % 6 == 0 ? null : (long) random.nextInt(500),
                Math.exp(x + random.nextGaussian()), i % 4 == 0 ? null : 1.5e307 * (x + random.nextGaussian())});
        }
        FeaturePlan scanned = fit(kind, defs, rows);
        FeaturePlan queried;
        System.setProperty("mdm.features.engineGroupBy", "true");
        try {
            queried = fit(kind, defs, rows, true);
        } finally {
            System.clearProperty("mdm.features.engineGroupBy");
        }
        for (ColumnDef def : defs) {
            NumericFit a = numeric(scanned, def.name());
            NumericFit b = numeric(queried, def.name());
            String where = kind + " " + def.name();
            assertThat(a.count()).as(where).isEqualTo(b.count());
            assertThat(a.distinct()).as(where).isEqualTo(b.distinct());
            assertThat(a.q1()).as(where).isEqualTo(b.q1());
            assertThat(a.q3()).as(where).isEqualTo(b.q3());
            assertThat(a.quantileEdges()).as(where).isEqualTo(b.quantileEdges());
            assertThat(a.ranks().values()).as(where).isEqualTo(b.ranks().values());
            assertThat(a.ranks().below()).as(where).isEqualTo(b.ranks().below());
            assertThat(a.ranks().counts()).as(where).isEqualTo(b.ranks().counts());
            assertThat(a.ranks().exact()).as(where).isEqualTo(b.ranks().exact());
            assertClose(a.mean(), b.mean(), where + " mean");
            assertClose(a.std(), b.std(), where + " std");
        }
        assertThat(scanned.interactions()).hasSameSizeAs(queried.interactions()).isNotEmpty();
        for (int i = 0; i < scanned.interactions().size(); i++) {
            assertThat(scanned.interactions().get(i).a()).isEqualTo(queried.interactions().get(i).a());
            assertThat(scanned.interactions().get(i).b()).isEqualTo(queried.interactions().get(i).b());
            assertClose(scanned.interactions().get(i).correlation(), queried.interactions().get(i).correlation(),
                    kind + " r " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void queriesOnSeveralConnectionsGiveTheSamePlan(BackendKind kind) throws Exception {
        List<ColumnDef> defs = List.of(new ColumnDef("x", ColumnType.DECIMAL), new ColumnDef("k", ColumnType.INTEGER),
                new ColumnDef("colour", ColumnType.TEXT), new ColumnDef("y", ColumnType.DECIMAL),
                new ColumnDef("size", ColumnType.TEXT));
        SplittableRandom random = new SplittableRandom(3);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double x = random.nextGaussian();
            rows.add(new Object[] {i % 10 == 0 ? null : x, (long) random.nextInt(40),
                i % 17 == 0 ? null : "c" + random.nextInt(12), Math.exp(x + random.nextGaussian()),
                random.nextInt(3) == 0 ? "small" : "large"});
        }
        String serial = PlanCodec.toJson(fit(kind, defs, rows, false));
        assertThat(PlanCodec.toJson(fit(kind, defs, rows, true))).isEqualTo(serial);
        assertThat(serial).contains("\"colour\"", "\"boxcoxLambda\"");
    }

    private FeaturePlan fit(BackendKind kind, List<ColumnDef> defs, List<Object[]> rows) throws Exception {
        return fit(kind, defs, rows, false);
    }

    private FeaturePlan fit(BackendKind kind, List<ColumnDef> defs, List<Object[]> rows, boolean parallel)
            throws Exception {
        Path where = directory.resolve(kind.id() + "-" + Objects.hash(defs, rows.size(), parallel));
        try (StoreFixture fixture = StoreFixture.open(kind, where)) {
            Dataset dataset = FeatureFixtures.typedTable(fixture.store(), "fit", "t", defs, rows);
            Backend backend = dataset.backend();
            List<ColumnInfo> columns = new ArrayList<>();
            for (int i = 0; i < defs.size(); i++) {
                ColumnType type = defs.get(i).type();
                SemanticType semantic = type.isTemporal() ? SemanticType.DATETIME
                        : type == ColumnType.TEXT ? SemanticType.CATEGORICAL : SemanticType.NUMERIC;
                columns.add(new ColumnInfo("t", defs.get(i).name(), i, type, semantic, ColumnRole.FEATURE));
            }
            FeatureOptions options = FeatureOptions.defaults().withParameters(10, 5, 50, 0.01, 0.01, 0.95, 20, 0.1,
                    0.95);
            try (Connection connection = dataset.openReadConnection()) {
                return new FeatureFitter(connection, backend, dataset.schema(), "t", columns, null, List.of(), options,
                        parallel ? dataset::openReadConnection : null).fit(Instant.parse("2026-01-01T00:00:00Z"));
            }
        }
    }

    private static ColumnFit fitOf(FeaturePlan plan, String name) {
        return plan.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static NumericFit numeric(FeaturePlan plan, String name) {
        return fitOf(plan, name).numeric();
    }

    private static int indexOf(List<ColumnDef> defs, String name) {
        return defs.stream().map(ColumnDef::name).toList().indexOf(name);
    }

    private static double number(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) value).doubleValue();
    }

    private static List<Double> column(List<Object[]> rows, int c) {
        return rows.stream().filter(r -> r[c] != null).map(r -> number(r[c])).toList();
    }

    private static BigDecimal exactMeanDecimal(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.divide(BigDecimal.valueOf(values.size()), EXACT);
    }

    private static double exactMean(List<Double> values) {
        return exactMeanDecimal(values).doubleValue();
    }

    private static double exactStd(List<Double> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        BigDecimal mean = exactMeanDecimal(values);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : values) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        return squares.divide(BigDecimal.valueOf(values.size() - 1), EXACT).sqrt(EXACT).doubleValue();
    }

    private static double pairwisePearson(List<Object[]> rows, int x, int y) {
        List<Object[]> both = rows.stream().filter(r -> r[x] != null && r[y] != null).toList();
        List<Double> xs = both.stream().map(r -> number(r[x])).toList();
        List<Double> ys = both.stream().map(r -> number(r[y])).toList();
        BigDecimal mx = exactMeanDecimal(xs);
        BigDecimal my = exactMeanDecimal(ys);
        BigDecimal sxy = BigDecimal.ZERO;
        BigDecimal sxx = BigDecimal.ZERO;
        BigDecimal syy = BigDecimal.ZERO;
        for (int i = 0; i < both.size(); i++) {
            BigDecimal dx = new BigDecimal(xs.get(i)).subtract(mx);
            BigDecimal dy = new BigDecimal(ys.get(i)).subtract(my);
            sxy = sxy.add(dx.multiply(dy));
            sxx = sxx.add(dx.multiply(dx));
            syy = syy.add(dy.multiply(dy));
        }
        return sxy.divide(sxx.multiply(syy).sqrt(EXACT), EXACT).doubleValue();
    }

    private static void assertClose(double actual, double expected, String where) {
        assertThat(Math.abs(actual - expected)).as(where + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(1e-12 * Math.abs(expected));
    }
}
