package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.core.testsupport.TypedRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary COPY against the real PostgreSQL: every value reads back as the text COPY's does. */
class PostgresBinaryCopyRowSinkTest {

    private final String prefix = PostgresTestSupport.randomSchemaPrefix();
    private final Backend backend = Backends.of(BackendKind.POSTGRESQL);
    private String schema;
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        PostgresTestSupport.assumeAvailable();
        connection = PostgresTestSupport.connect();
        schema = prefix + "s";
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        PostgresTestSupport.dropSchemas(prefix);
    }

    private void create(String table, List<ColumnDef> columns) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute(backend.createTableSql(schema, table, columns));
        }
    }

    @Test
    void everyTypeReadsBackExactlyAsTheTextCopyWrites() throws Exception {
        int rows = 20_000;
        create("binary", TypedRows.COLUMNS);
        create("text", TypedRows.COLUMNS);
        try (RowSink binary = PostgresBinaryCopyRowSink.open(connection, schema, "binary", TypedRows.COLUMNS)) {
            for (long i = 0; i < rows; i++) {
                binary.add(TypedRows.row(i));
            }
            binary.finish();
            assertThat(binary.rowCount()).isEqualTo(rows);
        }
        try (RowSink text = backend.openRowSink(connection, schema, "text", TypedRows.COLUMNS, 1000)) {
            for (long i = 0; i < rows; i++) {
                text.add(TypedRows.row(i));
            }
            text.finish();
        }
        connection.commit();
        RowSinkTest.assertReadBack(backend, connection, schema, "binary", rows);
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT * FROM " + backend.qualified(schema, "binary")
                     + " EXCEPT ALL SELECT * FROM " + backend.qualified(schema, "text") + ") differing")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows of the binary COPY unlike the text COPY's").isZero();
        }
    }

    @Test
    void temporalEdgesNullsAndSurrogatesMatchTheTextCopy() throws Exception {
        List<ColumnDef> columns = List.of(new ColumnDef("n", ColumnType.INTEGER), new ColumnDef("d", ColumnType.DATE),
                new ColumnDef("t", ColumnType.TIMESTAMP), new ColumnDef("s", ColumnType.TEXT),
                new ColumnDef("b", ColumnType.BOOLEAN), new ColumnDef("x", ColumnType.DECIMAL));
        Object[][] rows = {
            {1L, LocalDate.of(1999, 12, 31), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999), "lone \uD800 high",
                true, -0.0},
            {2L, LocalDate.of(2000, 1, 1), LocalDateTime.of(2000, 1, 1, 0, 0), "", false, Double.NaN},
            {3L, LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_500), "low \uDC00", null,
                Double.NEGATIVE_INFINITY},
            {4L, LocalDate.of(9999, 12, 31), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 123_456_000), null, null, null},
            {5L, null, null, "😀 日本語 naïve", true, Double.MIN_VALUE},
        };
        create("binary", columns);
        create("text", columns);
        try (RowSink binary = PostgresBinaryCopyRowSink.open(connection, schema, "binary", columns)) {
            for (Object[] row : rows) {
                binary.add(row);
            }
            binary.finish();
        }
        try (RowSink text = backend.openRowSink(connection, schema, "text", columns, 10)) {
            for (Object[] row : rows) {
                text.add(row);
            }
            text.finish();
        }
        connection.commit();
        assertThat(read("binary", columns)).isEqualTo(read("text", columns)).hasSize(rows.length);
        assertThat(read("binary", columns).get(0).get(1)).isEqualTo("1999-12-31");
    }

    @Test
    void textLongerThanTheBufferAndWideRowsLoad() throws Exception {
        List<ColumnDef> columns = new ArrayList<>();
        columns.add(new ColumnDef("id", ColumnType.INTEGER));
        for (int c = 1; c < 400; c++) {
            columns.add(new ColumnDef("c" + c, c % 3 == 0 ? ColumnType.TEXT : ColumnType.DECIMAL));
        }
        create("wide", columns);
        String huge = "é😀x".repeat(200_000);
        int rows = 3_000;
        Object[] row = new Object[columns.size()];
        try (RowSink sink = PostgresBinaryCopyRowSink.open(connection, schema, "wide", columns)) {
            for (long i = 0; i < rows; i++) {
                row[0] = i;
                for (int c = 1; c < row.length; c++) {
                    row[c] = (i + c) % 7 == 0 ? null : c % 3 == 0 ? (i == 5 && c == 3 ? huge : "v" + i) : (Object) (i + c * 0.25);
                }
                sink.add(row);
            }
            sink.finish();
        }
        connection.commit();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + backend.qualified(schema, "wide") + " ORDER BY id")) {
            long i = 0;
            while (rs.next()) {
                for (int c = 1; c < columns.size(); c++) {
                    Object expected = (i + c) % 7 == 0 ? null : c % 3 == 0 ? (i == 5 && c == 3 ? huge : "v" + i)
                            : (Object) (i + c * 0.25);
                    assertThat(backend.readValue(rs, c + 1, columns.get(c).type())).as("row %d c%d", i, c)
                            .isEqualTo(expected);
                }
                i++;
            }
            assertThat(i).isEqualTo(rows);
        }
    }

    @Test
    void nulCharactersAndWrongTypesAreRefusedNamingTheColumn() throws Exception {
        List<ColumnDef> columns = List.of(new ColumnDef("name", ColumnType.TEXT), new ColumnDef("n", ColumnType.INTEGER));
        create("t", columns);
        connection.commit();
        try (RowSink sink = PostgresBinaryCopyRowSink.open(connection, schema, "t", columns)) {
            assertThatThrownBy(() -> sink.add(new Object[] {"a\0b", 1L})).isInstanceOf(MdmException.class)
                    .hasMessageContaining("'name'").hasMessageContaining("NUL");
        }
        connection.rollback();
        try (RowSink sink = PostgresBinaryCopyRowSink.open(connection, schema, "t", columns)) {
            assertThatThrownBy(() -> sink.add(new Object[] {"a", "1"})).isInstanceOf(MdmException.class)
                    .hasMessageContaining("'n'").hasMessageContaining("INTEGER");
        }
        connection.rollback();
    }

    @Test
    void rollbackDiscardsTheLoadedRows() throws Exception {
        create("t", TypedRows.COLUMNS);
        connection.commit();
        RowSinkTest.assertRollbackDiscardsLoadedRows(connection, backend, schema,
                () -> PostgresBinaryCopyRowSink.open(connection, schema, "t", TypedRows.COLUMNS));
    }

    /** Every row as the server's text of each value, so the comparison is the stored values', not the driver's. */
    private List<List<String>> read(String table, List<ColumnDef> columns) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int c = 0; c < columns.size(); c++) {
            select.append(c == 0 ? "" : ", ").append(backend.quote(columns.get(c).name())).append("::text");
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(select + " FROM " + backend.qualified(schema, table) + " ORDER BY n")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    row.add(rs.getString(c + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
