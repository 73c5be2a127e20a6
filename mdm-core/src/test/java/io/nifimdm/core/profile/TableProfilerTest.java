package io.nifimdm.core.profile;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.Backends;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile each engine computes equals the figures computed directly from the loaded rows. */
class TableProfilerTest {

    /** Moments and correlations: the project's cross-engine bound. */
    private static final double RELATIVE = 1e-9;
    /** Percentiles are picked values: a few ulps, tight enough to tell neighbouring ranks of values near 1e9 apart. */
    private static final double PERCENTILE_RELATIVE = 1e-14;

    @TempDir
    Path dir;

    private final String pgPrefix = PostgresTestSupport.randomSchemaPrefix();

    @AfterEach
    void dropSchemas() {
        PostgresTestSupport.dropSchemas(pgPrefix);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void figuresEqualTheDirectComputationOverTheSameRows(BackendKind kind) throws Exception {
        List<ColumnDef> columns = ProfileTestData.COLUMNS;
        List<Object[]> rows = ProfileTestData.rows(2_000, 5, 7);
        try (Connection connection = open(kind)) {
            Backend backend = load(connection, kind, columns, rows);
            TableProfile profile = TableProfiler.profile(connection, backend, schema(kind), ProfileTestData.TABLE,
                    columns);
            assertThat(connection.getAutoCommit()).as("auto-commit restored").isTrue();

            assertThat(profile.rowCount()).isEqualTo(rows.size());
            assertThat(profile.columns()).hasSize(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                ColumnDef column = columns.get(c);
                ColumnProfile actual = profile.columns().get(c);
                String what = kind + " " + column.name();
                assertThat(actual.name()).isEqualTo(column.name());
                int index = c;
                long present = rows.stream().filter(r -> ExpectedProfile.present(r[index])).count();
                assertThat(actual.presentCount()).as(what + " present").isEqualTo(present);
                assertThat(actual.distinctCount()).as(what + " distinct").isEqualTo(ExpectedProfile.distinct(rows, c));
                assertThat(actual.distinctRatio()).as(what + " distinct ratio")
                        .isEqualTo((double) ExpectedProfile.distinct(rows, c) / rows.size());
                if (ExpectedProfile.numeric(column)) {
                    double[] finite = ExpectedProfile.nonNull(ExpectedProfile.finite(rows, c));
                    NumericShape shape = actual.numeric();
                    assertThat(shape.count()).as(what + " finite").isEqualTo(finite.length);
                    if (finite.length == 0) {
                        assertThat(shape.percentiles()).as(what).isNull();
                        assertThat(shape.skewness()).as(what).isNull();
                        assertThat(shape.kurtosis()).as(what).isNull();
                        continue;
                    }
                    for (int p = 0; p < Percentiles.PROBABILITIES.size(); p++) {
                        assertClose(what + " p" + Percentiles.PROBABILITIES.get(p),
                                shape.percentiles().values().get(p),
                                ExpectedProfile.percentile(finite, Percentiles.PROBABILITIES.get(p)),
                                PERCENTILE_RELATIVE);
                    }
                    assertClose(what + " skewness", shape.skewness(), ExpectedProfile.skewness(finite), RELATIVE);
                    assertClose(what + " kurtosis", shape.kurtosis(), ExpectedProfile.kurtosis(finite), RELATIVE);
                } else {
                    assertThat(actual.numeric()).isNull();
                }
                if (column.type() == ColumnType.TEXT) {
                    assertThat(actual.mode()).as(what + " mode").isEqualTo(ExpectedProfile.mode(rows, c));
                } else {
                    assertThat(actual.mode()).isNull();
                }
            }
            // the skewed spread near 1e9 must not have cancelled away
            assertThat(profile.column("big value").numeric().skewness()).isBetween(1.5, 2.5);
            assertThat(profile.column("constant").numeric().skewness()).isZero();
            assertThat(profile.column("all null text").mode()).isNull();

            CorrelationMatrix matrix = profile.correlations();
            List<String> numeric = columns.stream().filter(ExpectedProfile::numeric).map(ColumnDef::name).toList();
            assertThat(matrix.columns()).containsExactlyElementsOf(numeric);
            assertThat(matrix.omittedColumns()).isEmpty();
            for (int i = 0; i < numeric.size(); i++) {
                for (int j = 0; j < numeric.size(); j++) {
                    // r of a column with itself is 1 where r is defined at all (not constant, two values or more)
                    Double expected = ExpectedProfile.pearson(finite(rows, numeric.get(i)), finite(rows, numeric.get(j)));
                    if (i == j && expected != null) {
                        expected = 1.0;
                    }
                    assertClose(kind + " r(" + numeric.get(i) + ", " + numeric.get(j) + ")", matrix.r(i, j), expected,
                            RELATIVE);
                }
            }
            List<String> strong = new ArrayList<>();
            for (int i = 0; i < numeric.size(); i++) {
                for (int j = i + 1; j < numeric.size(); j++) {
                    Double r = ExpectedProfile.pearson(finite(rows, numeric.get(i)), finite(rows, numeric.get(j)));
                    if (r != null && Math.abs(r) > 0.8) {
                        strong.add(numeric.get(i) + " ~ " + numeric.get(j));
                    }
                }
            }
            assertThat(strong).contains("big value ~ say \"hi\"");
            assertThat(matrix.strongPairs()).extracting(p -> p.first() + " ~ " + p.second())
                    .containsExactlyInAnyOrderElementsOf(strong);
            assertThat(matrix.strongPairs()).isSortedAccordingTo(
                    java.util.Comparator.comparingDouble((CorrelatedPair p) -> -Math.abs(p.r())));
            DataQuality quality = profile.dataQuality();
            long cells = (long) rows.size() * columns.size();
            long missing = ExpectedProfile.missing(rows, columns);
            assertThat(quality.totalCells()).isEqualTo(cells);
            assertThat(quality.missingCells()).isEqualTo(missing);
            assertThat(quality.completeness()).isEqualTo((double) (cells - missing) / cells);
            assertThat(quality.duplicateRows()).isEqualTo(ExpectedProfile.duplicates(rows)).isPositive();
            assertThat(quality.duplicatePercentage()).isEqualTo(100.0 * quality.duplicateRows() / rows.size());
            List<String> nearUnique = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if ((double) ExpectedProfile.distinct(rows, c) / rows.size() > 0.95) {
                    nearUnique.add(columns.get(c).name());
                }
            }
            assertThat(nearUnique).contains("id", "order");
            assertThat(quality.nearUniqueColumns()).containsExactlyElementsOf(nearUnique);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void emptyAndSingleRowTablesGiveNullsNotNaN(BackendKind kind) throws Exception {
        List<ColumnDef> columns = ProfileTestData.COLUMNS;
        try (Connection connection = open(kind)) {
            Backend backend = load(connection, kind, columns, List.of());
            TableProfile empty = TableProfiler.profile(connection, backend, schema(kind), ProfileTestData.TABLE,
                    columns);
            assertThat(empty.rowCount()).isZero();
            for (ColumnProfile column : empty.columns()) {
                assertThat(column.distinctRatio()).isNull();
                assertThat(column.mode()).isNull();
                if (column.numeric() != null) {
                    assertThat(column.numeric().count()).isZero();
                    assertThat(column.numeric().percentiles()).isNull();
                    assertThat(column.numeric().skewness()).isNull();
                }
            }
            assertThat(empty.correlations().coefficients()).allSatisfy(row -> assertThat(row).containsOnlyNulls());
            assertThat(empty.dataQuality().completeness()).isEqualTo(1.0);
            assertThat(empty.dataQuality().duplicateRows()).isZero();
            assertThat(empty.dataQuality().nearUniqueColumns()).isEmpty();

            List<Object[]> one = ProfileTestData.rows(1, 0, 3);
            one.getFirst()[2] = -12.25;
            try (RowSink sink = backend.openRowSink(connection, schema(kind), ProfileTestData.TABLE, columns, 10)) {
                sink.add(one.getFirst());
                sink.finish();
            }
            connection.commit();
            TableProfile single = TableProfiler.profile(connection, backend, schema(kind), ProfileTestData.TABLE,
                    columns, new ProfileOptions(2, 0.8, 0.95));
            NumericShape hi = single.column("say \"hi\"").numeric();
            assertThat(hi.count()).isOne();
            assertThat(hi.percentiles().values()).containsOnly(-12.25);
            assertThat(hi.skewness()).isNull();
            assertThat(hi.kurtosis()).isNull();
            assertThat(single.correlations().columns()).containsExactly("id", "big value");
            assertThat(single.correlations().omittedColumns())
                    .containsExactly("say \"hi\"", "select", "order", "constant", "all null");
            assertThat(single.correlations().coefficients()).allSatisfy(row -> assertThat(row).containsOnlyNulls());
            List<String> withValue = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if (ExpectedProfile.present(one.getFirst()[c])) {
                    withValue.add(columns.get(c).name());
                }
            }
            // one row: every present value is unique
            assertThat(single.dataQuality().nearUniqueColumns()).containsExactlyElementsOf(withValue);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void wideTablesAreProfiledInSeveralStatementsAndTheMatrixIsCapped(BackendKind kind) throws Exception {
        List<ColumnDef> columns = new ArrayList<>();
        for (int c = 0; c < 90; c++) {
            columns.add(new ColumnDef("c " + c, c % 2 == 0 ? ColumnType.DECIMAL : ColumnType.INTEGER));
        }
        Random random = new Random(5);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 120; r++) {
            Object[] row = new Object[columns.size()];
            double base = random.nextGaussian();
            for (int c = 0; c < columns.size(); c++) {
                row[c] = c % 2 == 0 ? (random.nextInt(10) == 0 ? null : base * c + random.nextGaussian())
                        : (Object) (long) random.nextInt(1000);
            }
            rows.add(row);
        }
        try (Connection connection = open(kind)) {
            Backend backend = load(connection, kind, columns, rows);
            TableProfile profile = TableProfiler.profile(connection, backend, schema(kind), ProfileTestData.TABLE,
                    columns);
            CorrelationMatrix matrix = profile.correlations();
            assertThat(matrix.columns()).hasSize(50).startsWith("c 0", "c 1");
            assertThat(matrix.omittedColumns()).hasSize(40).startsWith("c 50");
            for (int[] pair : new int[][]{{2, 4}, {1, 3}, {48, 49}, {10, 47}}) {
                assertClose(kind + " r" + java.util.Arrays.toString(pair), matrix.r(pair[0], pair[1]),
                        ExpectedProfile.pearson(ExpectedProfile.finite(rows, pair[0]),
                                ExpectedProfile.finite(rows, pair[1])), RELATIVE);
            }
            double[] last = ExpectedProfile.nonNull(ExpectedProfile.finite(rows, 89));
            assertClose(kind + " p95 of the last column", profile.columns().get(89).numeric().percentiles().p95(),
                    ExpectedProfile.percentile(last, 0.95), PERCENTILE_RELATIVE);
            assertClose(kind + " kurtosis of c 88", profile.columns().get(88).numeric().kurtosis(),
                    ExpectedProfile.kurtosis(ExpectedProfile.nonNull(ExpectedProfile.finite(rows, 88))), RELATIVE);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void modeTiesGoToTheSmallestValueInByteOrder(BackendKind kind) throws Exception {
        List<ColumnDef> columns = List.of(new ColumnDef("name", ColumnType.TEXT), new ColumnDef("n", ColumnType.INTEGER));
        List<Object[]> rows = new ArrayList<>();
        for (String value : List.of("b", "ä", "a", "B", "é", "Z", "b", "ä", "a", "B", "é", "Z", "c")) {
            rows.add(new Object[]{value, 1L});
        }
        try (Connection connection = open(kind)) {
            Backend backend = load(connection, kind, columns, rows);
            TableProfile profile = TableProfiler.profile(connection, backend, schema(kind), ProfileTestData.TABLE,
                    columns);
            // byte order: "B" (0x42) < "Z" < "a" < "b" < "ä" (0xC3 0xA4) < "é"; a locale collation would pick "a"
            assertThat(profile.column("name").mode()).isEqualTo(new Mode("B", 2));
            assertThat(profile.column("name").mode()).isEqualTo(ExpectedProfile.mode(rows, 0));
            NumericShape constant = profile.column("n").numeric();
            assertThat(constant.skewness()).isZero();
            assertThat(constant.kurtosis()).isZero();
            assertThat(constant.percentiles().values()).containsOnly(1.0);
            assertThat(profile.correlations().r(0, 0)).as("a constant column has no r, not even with itself")
                    .isNull();
            assertThat(profile.dataQuality().duplicateRows()).isEqualTo(6);
        }
    }

    private static Double[] finite(List<Object[]> rows, String column) {
        List<String> names = ProfileTestData.COLUMNS.stream().map(ColumnDef::name).toList();
        return ExpectedProfile.finite(rows, names.indexOf(column));
    }

    static void assertClose(String what, Double actual, Double expected, double relative) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(expected,
                org.assertj.core.api.Assertions.within(relative * Math.max(1, Math.abs(expected))));
    }

    private Backend load(Connection connection, BackendKind kind, List<ColumnDef> columns, List<Object[]> rows)
            throws SQLException {
        Backend backend = Backends.of(kind);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(backend.createTableSql(schema(kind), ProfileTestData.TABLE, columns));
        }
        try (RowSink sink = backend.openRowSink(connection, schema(kind), ProfileTestData.TABLE, columns, 500)) {
            for (Object[] row : rows) {
                sink.add(row);
            }
            sink.finish();
        }
        connection.commit();
        if (rows.isEmpty()) {
            return backend; // the caller adds rows in its own transaction
        }
        connection.setAutoCommit(true);
        return backend;
    }

    private Connection open(BackendKind kind) throws SQLException {
        return switch (kind) {
            case SQLITE -> new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("p.sqlite"), new Properties());
            case DUCKDB -> new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("p.duckdb"),
                    new Properties());
            case POSTGRESQL -> {
                PostgresTestSupport.assumeAvailable();
                Connection connection = PostgresTestSupport.connect();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA \"" + schema(kind) + "\"");
                }
                yield connection;
            }
        };
    }

    private String schema(BackendKind kind) {
        return kind == BackendKind.POSTGRESQL ? pgPrefix + "p" : null;
    }
}
