package io.nifimdm.core.backend;

import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.core.testsupport.TypedRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Each engine's bulk path against the real engine: values read back bit for bit, rollback leaves nothing. */
class RowSinkTest {

    @TempDir
    Path dir;

    private final String pgPrefix = PostgresTestSupport.randomSchemaPrefix();

    @AfterEach
    void dropSchemas() {
        PostgresTestSupport.dropSchemas(pgPrefix);
    }

    private Connection open(BackendKind kind) throws SQLException {
        Connection connection = switch (kind) {
            case SQLITE -> new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.sqlite"), new Properties());
            case DUCKDB -> new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("t.duckdb"),
                    new Properties());
            case POSTGRESQL -> {
                PostgresTestSupport.assumeAvailable();
                Connection c = PostgresTestSupport.connect();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + pgPrefix + "s");
                }
                yield c;
            }
        };
        connection.setAutoCommit(false);
        return connection;
    }

    private static String schema(BackendKind kind, String prefix) {
        return kind == BackendKind.POSTGRESQL ? prefix + "s" : null;
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void bulkLoadReadsBackEveryValueExactly(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        String schema = schema(kind, pgPrefix);
        String table = "data \"table\" 表";
        int rows = 20_000;
        try (Connection connection = open(kind)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(schema, table, TypedRows.COLUMNS));
            }
            try (RowSink sink = backend.openRowSink(connection, schema, table, TypedRows.COLUMNS, 1000)) {
                for (long i = 0; i < rows; i++) {
                    sink.add(TypedRows.row(i));
                }
                sink.finish();
                assertThat(sink.rowCount()).isEqualTo(rows);
            }
            connection.commit();
            assertReadBack(backend, connection, schema, table, rows);
        }
    }

    static void assertReadBack(Backend backend, Connection connection, String schema, String table, int rows)
            throws SQLException {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + backend.qualified(schema, table) + " ORDER BY "
                     + backend.quote("id"))) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(TypedRows.COLUMNS.size());
            for (int c = 0; c < TypedRows.COLUMNS.size(); c++) {
                assertThat(rs.getMetaData().getColumnName(c + 1)).isEqualTo(TypedRows.COLUMNS.get(c).name());
            }
            while (rs.next()) {
                Object[] expected = TypedRows.row(count);
                for (int c = 0; c < expected.length; c++) {
                    Object actual = backend.readValue(rs, c + 1, TypedRows.COLUMNS.get(c).type());
                    Object wanted = TypedRows.expected(backend.kind(), expected[c]);
                    if (!TypedRows.same(wanted, actual) && mismatches.size() < 20) {
                        mismatches.add("row " + count + " column '" + TypedRows.COLUMNS.get(c).name() + "': wrote "
                                + wanted + " read " + actual);
                    }
                }
                count++;
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(count).isEqualTo(rows);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void rollbackDiscardsLoadedRows(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        String schema = schema(kind, pgPrefix);
        try (Connection connection = open(kind)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(schema, "t", TypedRows.COLUMNS));
            }
            connection.commit();
            assertRollbackDiscardsLoadedRows(connection, backend, schema,
                    () -> backend.openRowSink(connection, schema, "t", TypedRows.COLUMNS, 100));
        }
    }

    @FunctionalInterface
    interface SinkOpener {
        RowSink open() throws SQLException;
    }

    /** Loads 1,000 rows into the empty committed table {@code t} through a sink, rolls back, expects no rows. */
    static void assertRollbackDiscardsLoadedRows(Connection connection, Backend backend, String schema,
                                                 SinkOpener opener) throws Exception {
        try (RowSink sink = opener.open()) {
            for (long i = 0; i < 1000; i++) {
                sink.add(TypedRows.row(i));
            }
            sink.finish();
        }
        connection.rollback();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + backend.qualified(schema, "t"))) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void columnsInAnotherOrderLoadCorrectly(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        String schema = schema(kind, pgPrefix);
        List<ColumnDef> reversed = new ArrayList<>(TypedRows.COLUMNS);
        java.util.Collections.reverse(reversed);
        try (Connection connection = open(kind)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(schema, "t", TypedRows.COLUMNS));
            }
            try (RowSink sink = backend.openRowSink(connection, schema, "t", reversed, 7)) {
                for (long i = 0; i < 50; i++) {
                    Object[] row = TypedRows.row(i);
                    Object[] flipped = new Object[row.length];
                    for (int c = 0; c < row.length; c++) {
                        flipped[c] = row[row.length - 1 - c];
                    }
                    sink.add(flipped);
                }
                sink.finish();
            }
            connection.commit();
            assertReadBack(backend, connection, schema, "t", 50);
        }
    }

    /** Multi-row statements: wide rows (fewer rows per statement), partial last group, batches not a multiple. */
    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void wideRowsInGroupsAndALeftoverLoadInOrder(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        String schema = schema(kind, pgPrefix);
        List<ColumnDef> columns = new ArrayList<>();
        columns.add(new ColumnDef("id", ColumnType.INTEGER));
        for (int c = 1; c < 150; c++) {
            columns.add(new ColumnDef("c" + c, c % 2 == 0 ? ColumnType.TEXT : ColumnType.DECIMAL));
        }
        int rows = 1_003;
        try (Connection connection = open(kind)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(schema, "wide", columns));
            }
            Object[] row = new Object[columns.size()];
            try (RowSink sink = backend.openRowSink(connection, schema, "wide", columns, 100)) {
                for (long i = 0; i < rows; i++) {
                    row[0] = i;
                    for (int c = 1; c < row.length; c++) {
                        row[c] = (i + c) % 11 == 0 ? null : c % 2 == 0 ? "v" + i + "/" + c : (Object) (i * 0.5 + c);
                    }
                    sink.add(row); // the array is reused: the sink must not keep it
                }
                sink.finish();
                assertThat(sink.rowCount()).isEqualTo(rows);
            }
            connection.commit();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + backend.qualified(schema, "wide") + " ORDER BY "
                         + backend.quote("id"))) {
                long i = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(i);
                    for (int c = 1; c < columns.size(); c++) {
                        Object expected = (i + c) % 11 == 0 ? null : c % 2 == 0 ? "v" + i + "/" + c : (Object) (i * 0.5 + c);
                        Object actual = backend.readValue(rs, c + 1, columns.get(c).type());
                        assertThat(actual).as("row %d column c%d", i, c).isEqualTo(expected);
                    }
                    i++;
                }
                assertThat(i).isEqualTo(rows);
            }
        }
    }

    /**
     * SQLite runs each full batch on the sink's own thread while the next one fills: the rows still land in the order
     * they were added (the feature tables' natural order is their row order), all in the caller's transaction.
     */
    @Test
    void sqliteOverlappedBatchesKeepTheRowOrderAndTheTransaction() throws Exception {
        Backend backend = Backends.of(BackendKind.SQLITE);
        List<ColumnDef> columns = List.of(new ColumnDef("n", ColumnType.INTEGER), new ColumnDef("s", ColumnType.TEXT));
        int rows = 25_013;
        try (Connection connection = open(BackendKind.SQLITE)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(null, "t", columns));
            }
            connection.commit();
            try (RowSink sink = backend.openRowSink(connection, null, "t", columns, 1_000)) {
                for (long i = 0; i < rows; i++) {
                    sink.add(new Object[]{(i * 7919) % rows, "row " + i});
                }
                sink.finish();
            }
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT n, s FROM t ORDER BY rowid")) {
                long i = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo((i * 7919) % rows);
                    assertThat(rs.getString(2)).isEqualTo("row " + i);
                    i++;
                }
                assertThat(i).isEqualTo(rows);
            }
            assertRollbackEmptiesTable(connection);
        }
    }

    private static void assertRollbackEmptiesTable(Connection connection) throws SQLException {
        connection.rollback();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /** A batch that fails on the sink's thread fails the load from the caller's thread, and the rollback undoes it. */
    @Test
    void sqliteBatchFailingOnTheSinksThreadFailsTheLoad() throws Exception {
        Backend backend = Backends.of(BackendKind.SQLITE);
        List<ColumnDef> columns = List.of(new ColumnDef("n", ColumnType.INTEGER));
        try (Connection connection = open(BackendKind.SQLITE)) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (n INTEGER CHECK (n <> 2500))");
            }
            connection.commit();
            SQLException failure = null;
            RowSink sink = backend.openRowSink(connection, null, "t", columns, 100);
            try {
                for (long i = 0; i < 10_000; i++) {
                    sink.add(new Object[]{i});
                }
                sink.finish();
            } catch (SQLException e) {
                failure = e;
                // a caller that carried on regardless must not get the remaining rows loaded
                assertThatThrownBy(() -> sink.add(new Object[]{1L})).isInstanceOf(SQLException.class)
                        .hasMessageContaining("an earlier batch of inserts failed");
                assertThatThrownBy(sink::finish).isInstanceOf(SQLException.class)
                        .hasMessageContaining("an earlier batch of inserts failed");
            } finally {
                sink.close();
            }
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getMessage()).contains("CHECK constraint failed");
            assertRollbackEmptiesTable(connection);
        }
    }

    /**
     * SQLite reads integers and reals through the typed getters, which return 0 for NULL and for text they cannot
     * convert: zero, NULL and such text must still come apart.
     */
    @Test
    void sqliteTellsZeroFromNullAndRefusesTextItCannotReadAsANumber() throws Exception {
        Backend backend = Backends.of(BackendKind.SQLITE);
        try (Connection connection = open(BackendKind.SQLITE); Statement s = connection.createStatement()) {
            s.execute(backend.createTableSql(null, "t", List.of(new ColumnDef("n", ColumnType.INTEGER),
                    new ColumnDef("x", ColumnType.DECIMAL))));
            // what another program may write: SQLite's type affinity keeps text that does not look like a number
            s.execute("INSERT INTO t VALUES (0, 0.0), (NULL, NULL), (-0, -0.0), (7, 2.5), ('abc', 'abc'), (' 12 ', ' 1.5 ')");
            try (ResultSet rs = s.executeQuery("SELECT n, x FROM t ORDER BY rowid")) {
                List<Object> integers = new ArrayList<>();
                List<Object> decimals = new ArrayList<>();
                for (int row = 0; row < 4; row++) {
                    assertThat(rs.next()).isTrue();
                    integers.add(backend.readValue(rs, 1, ColumnType.INTEGER));
                    decimals.add(backend.readValue(rs, 2, ColumnType.DECIMAL));
                }
                assertThat(integers).containsExactly(0L, null, 0L, 7L);
                assertThat(decimals).containsExactly(0.0, null, 0.0, 2.5);
                assertThat(rs.next()).isTrue();
                assertThatThrownBy(() -> backend.readValue(rs, 1, ColumnType.INTEGER))
                        .isInstanceOf(NumberFormatException.class);
                assertThatThrownBy(() -> backend.readValue(rs, 2, ColumnType.DECIMAL))
                        .isInstanceOf(NumberFormatException.class);
                assertThat(rs.next()).isTrue();
                assertThat(backend.readValue(rs, 1, ColumnType.INTEGER)).isEqualTo(12L);
                assertThat(backend.readValue(rs, 2, ColumnType.DECIMAL)).isEqualTo(1.5);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void valueOfTheWrongTypeIsRejectedNamingTheColumn(BackendKind kind) throws Exception {
        Backend backend = Backends.of(kind);
        String schema = schema(kind, pgPrefix);
        List<ColumnDef> columns = List.of(new ColumnDef("n", ColumnType.INTEGER));
        try (Connection connection = open(kind)) {
            try (Statement s = connection.createStatement()) {
                s.execute(backend.createTableSql(schema, "t", columns));
            }
            try (RowSink sink = backend.openRowSink(connection, schema, "t", columns, 10)) {
                sink.add(new Object[]{"not a number"});
                fail("a String in an INTEGER column was accepted");
            } catch (io.nifimdm.core.MdmException e) {
                assertThat(e.getMessage()).contains("'n'").contains("INTEGER");
            }
            connection.rollback();
        }
    }

    @Test
    void identifiersAreQuotedAndValidated() {
        for (BackendKind kind : BackendKind.values()) {
            Backend backend = Backends.of(kind);
            assertThat(backend.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
            assertThat(backend.quote("select")).isEqualTo("\"select\"");
            assertThat(backend.qualified("s", "t")).isEqualTo("\"s\".\"t\"");
            assertThat(backend.qualified(null, "t")).isEqualTo("\"t\"");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.quote(""))
                    .isInstanceOf(io.nifimdm.core.MdmException.class).hasMessageContaining("empty");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.quote("a\u0000b"))
                    .isInstanceOf(io.nifimdm.core.MdmException.class).hasMessageContaining("control character");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.quote("a\nb"))
                    .isInstanceOf(io.nifimdm.core.MdmException.class).hasMessageContaining("U+000A");
        }
        Backend pg = Backends.of(BackendKind.POSTGRESQL);
        assertThat(pg.quote("a".repeat(63))).hasSize(65);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pg.quote("a".repeat(64)))
                .hasMessageContaining("64 bytes").hasMessageContaining("63");
        // 21 three-byte characters = 63 bytes fit; 22 do not
        assertThat(pg.quote("東".repeat(21))).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pg.quote("東".repeat(22)))
                .hasMessageContaining("66 bytes");
        assertThat(Backends.of(BackendKind.SQLITE).quote("a".repeat(500))).hasSize(502);
    }

    @Test
    void typesMapPerEngineAndBack() {
        for (BackendKind kind : BackendKind.values()) {
            Backend backend = Backends.of(kind);
            for (ColumnType type : ColumnType.values()) {
                assertThat(backend.columnType(backend.sqlType(type))).as(kind + " " + type).isEqualTo(type);
            }
        }
        assertThat(Backends.of(BackendKind.POSTGRESQL).sqlType(ColumnType.DECIMAL)).isEqualTo("DOUBLE PRECISION");
        assertThat(Backends.of(BackendKind.DUCKDB).sqlType(ColumnType.TEXT)).isEqualTo("VARCHAR");
        assertThat(Backends.of(BackendKind.SQLITE).sqlType(ColumnType.DECIMAL)).isEqualTo("REAL");
        assertThat(Backends.of(BackendKind.POSTGRESQL).columnType("timestamp without time zone"))
                .isEqualTo(ColumnType.TIMESTAMP);
        assertThat(Backends.of(BackendKind.POSTGRESQL).columnType("float8")).isEqualTo(ColumnType.DECIMAL);
    }
}
