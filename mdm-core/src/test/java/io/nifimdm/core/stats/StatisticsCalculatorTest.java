package io.nifimdm.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.Backends;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Statistics of a stored table, read back from each real engine, equal those of the rows that were loaded. */
class StatisticsCalculatorTest {

    private static final String TABLE = "train \"stats\" 表";

    @TempDir
    Path dir;

    private final String pgPrefix = PostgresTestSupport.randomSchemaPrefix();

    @AfterEach
    void dropSchemas() {
        PostgresTestSupport.dropSchemas(pgPrefix);
    }

    private Connection open(BackendKind kind) throws SQLException {
        return switch (kind) {
            case SQLITE -> new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("s.sqlite"), new Properties());
            case DUCKDB -> new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("s.duckdb"), new Properties());
            case POSTGRESQL -> {
                PostgresTestSupport.assumeAvailable();
                Connection connection = PostgresTestSupport.connect();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema(kind));
                }
                yield connection;
            }
        };
    }

    private String schema(BackendKind kind) {
        return kind == BackendKind.POSTGRESQL ? pgPrefix + "s" : null;
    }

    private static void load(Connection connection, Backend backend, String schema, List<Object[]> rows) throws SQLException {
        try (RowSink sink = backend.openRowSink(connection, schema, TABLE, StatisticsTestData.MIXED_COLUMNS, 500)) {
            for (Object[] row : rows) {
                sink.add(row);
            }
            sink.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void statisticsOfAStoredTableEqualThoseOfTheLoadedRows(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        List<Object[]> rows = StatisticsTestData.mixedRows(3_000, 31);
        try (Connection connection = open(kind)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(backend.createTableSql(schema(kind), TABLE, StatisticsTestData.MIXED_COLUMNS));
            }
            load(connection, backend, schema(kind), rows);
            connection.commit();
            connection.setAutoCommit(true);

            TableStatistics stored = StatisticsCalculator.ofTable(connection, backend, schema(kind), TABLE,
                    StatisticsTestData.MIXED_COLUMNS);

            assertThat(connection.getAutoCommit()).as("auto-commit restored").isTrue();
            TableStatistics expected = StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS, rows,
                    StatisticsOptions.defaults());
            TableStatisticsAccumulatorTest.assertSameStatistics(stored, expected);
            assertThat(stored.duplicateRows()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void insideTheCallersTransactionItSeesTheUncommittedRows(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        List<Object[]> first = StatisticsTestData.mixedRows(1_500, 1);
        List<Object[]> appended = StatisticsTestData.mixedRows(700, 2);
        try (Connection connection = open(kind)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(backend.createTableSql(schema(kind), TABLE, StatisticsTestData.MIXED_COLUMNS));
            }
            load(connection, backend, schema(kind), first);
            connection.commit();
            load(connection, backend, schema(kind), appended);

            TableStatistics whole = StatisticsCalculator.ofTable(connection, backend, schema(kind), TABLE,
                    StatisticsTestData.MIXED_COLUMNS);
            assertThat(connection.getAutoCommit()).isFalse();
            connection.rollback();
            TableStatistics afterRollback = StatisticsCalculator.ofTable(connection, backend, schema(kind), TABLE,
                    StatisticsTestData.MIXED_COLUMNS);

            TableStatisticsAccumulator expected = new TableStatisticsAccumulator(StatisticsTestData.MIXED_COLUMNS);
            first.forEach(expected::add);
            appended.forEach(expected::add);
            TableStatisticsAccumulatorTest.assertSameStatistics(whole, expected.finish());
            assertThat(afterRollback.rowCount()).isEqualTo(1_500);
        }
    }
}
