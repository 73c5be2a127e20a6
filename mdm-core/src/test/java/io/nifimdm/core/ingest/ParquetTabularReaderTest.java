package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static io.nifimdm.core.ingest.Content.concat;
import static io.nifimdm.core.ingest.Content.gzip;
import static io.nifimdm.core.ingest.Content.open;
import static io.nifimdm.core.ingest.Content.rows;
import static io.nifimdm.core.ingest.Content.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetTabularReaderTest {

    @TempDir
    Path dir;

    /** Writes a Parquet file with DuckDB's own writer, as another tool would. */
    private byte[] parquet(String select) throws SQLException, IOException {
        Path file = dir.resolve("written-" + System.nanoTime() + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    @Test
    void readsEveryCommonTypeAsJavaValues() throws Exception {
        byte[] content = parquet("SELECT 1::INTEGER AS i, 9007199254740993::BIGINT AS b, 0.1::FLOAT AS f,"
                + " 2.5::DOUBLE AS d, 12.34::DECIMAL(10,2) AS dc, true AS flag, DATE '2024-02-29' AS day,"
                + " TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, 'héllo 王 🎉' AS txt, [1, 2] AS list,"
                + " {'a': 1, 'b': 'x'} AS struct, NULL::INTEGER AS missing, 18446744073709551615::UBIGINT AS big"
                + " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().format()).isEqualTo(InputFormat.PARQUET);
            assertThat(reader.description().charset()).isNull();
            assertThat(reader.columnNames()).containsExactly("i", "b", "f", "d", "dc", "flag", "day", "ts", "txt",
                    "list", "struct", "missing", "big");
            List<Object[]> rows = rows(reader);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsExactly(1L, 9007199254740993L, 0.1, 2.5, 12.34, true,
                    LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), "héllo 王 🎉",
                    "[1,2]", "{\"a\":1,\"b\":\"x\"}", null, "18446744073709551615");
            assertThat(rows.get(1)).containsOnlyNulls();
        }
    }

    @Test
    void typesInferredFromParquetValues() throws Exception {
        byte[] content = parquet("SELECT i AS n, i * 0.5 AS x, i % 2 = 0 AS even, DATE '2024-01-01' + i::INTEGER AS day,"
                + " 'c' || (i % 3) AS cat FROM range(100) t(i)");
        try (TabularReader reader = open(content)) {
            InferredSchema schema = TypeInference.infer(reader, InferenceOptions.defaults());
            assertThat(schema.columns()).extracting(IngestColumn::type).containsExactly(ColumnType.INTEGER,
                    ColumnType.DECIMAL, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TEXT);
            RowConverter converter = schema.converter();
            Object[] last = null;
            for (Object[] raw : schema.sampleRows()) {
                last = converter.convert(raw);
            }
            assertThat(last).containsExactly(99L, 49.5, false, LocalDate.of(2024, 4, 9), "c0");
        }
    }

    @Test
    void spec11HundredRowParquetAlsoGzipped() throws Exception {
        byte[] content = parquet("SELECT i AS id, i * 1.5 AS feature FROM range(100) t(i)");
        for (byte[] bytes : List.of(content, gzip(content))) {
            try (TabularReader reader = open(bytes)) {
                assertThat(rows(reader)).hasSize(100);
            }
        }
    }

    @Test
    void spoolFileIsRemovedOnClose() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] content = parquet("SELECT 1 AS a");
        try (TabularReader reader = open(content, ReadOptions.defaults().withSpoolDirectory(spool))) {
            try (Stream<Path> files = Files.list(spool)) {
                assertThat(files).hasSize(1);
            }
            assertThat(reader.next()).containsExactly(1L);
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void emptyOrDamagedParquetIsBadInput() throws Exception {
        byte[] empty = parquet("SELECT 1 AS a WHERE false");
        assertThatThrownBy(() -> open(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no rows");
        byte[] damaged = concat(utf8("PAR1"), new byte[100], utf8("PAR1"));
        assertThatThrownBy(() -> open(damaged)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Parquet content cannot be read");
        assertThatThrownBy(() -> open(utf8("a,b\n1,2\n"), ReadOptions.defaults().withFormat(InputFormat.PARQUET)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not Parquet");
    }
}
