package io.nifimdm.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.WriteMode;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.query.DatasetQueries;
import io.nifimdm.core.query.FilterParser;
import io.nifimdm.core.query.QuerySpec;
import io.nifimdm.core.query.QueryTestData;
import io.nifimdm.core.query.RowCursor;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.testsupport.StoreFixture;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableExporterTest {

    private static final QueryTestData DATA = new QueryTestData(300, 3);

    @TempDir
    Path directory;

    private static byte[] export(TableExporter exporter, String table, ExportOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(exporter.export(table, options, out)).isEqualTo(DATA.rows.size());
        return out.toByteArray();
    }

    /** The file inside the compression, checking a zip holds exactly one entry named like the file. */
    private static byte[] uncompress(byte[] bytes, ExportCompression compression, String fileName) throws IOException {
        return switch (compression) {
            case GZIP -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    yield in.readAllBytes();
                }
            }
            case ZIP -> {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                    ZipEntry entry = zip.getNextEntry();
                    assertThat(entry.getName()).isEqualTo(fileName.substring(0, fileName.length() - 4));
                    byte[] content = zip.readAllBytes();
                    assertThat(zip.getNextEntry()).isNull();
                    yield content;
                }
            }
            default -> bytes;
        };
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void csvRoundTripsThroughRegistrationIntoAnEqualTable(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            TableExporter exporter = new TableExporter(dataset);
            DatasetQueries original = new DatasetQueries(dataset);
            for (ExportCompression compression : List.of(ExportCompression.NONE, ExportCompression.GZIP,
                    ExportCompression.ZIP)) {
                ExportOptions options = ExportOptions.of(ExportFormat.CSV, compression);
                byte[] file = export(exporter, "train", options);
                String name = "copy_" + compression.id();
                // the registrar sniffs gzip and zip content itself: the export goes back in as it is
                DatasetRegistrar.standard(fixture.store()).register(
                        RegistrationRequest.of("source", name, RegistrationMode.CREATE),
                        ContentInput.of(() -> new ByteArrayInputStream(file), InputFormat.AUTO));
                assertThat(original.tableSchema(name).columns()).isEqualTo(original.tableSchema("train").columns());
                assertThat(drain(original.open(QuerySpec.table(name)))).as(compression.id())
                        .isEqualTo(drain(original.open(QuerySpec.table("train"))));
            }
            String csv = new String(export(exporter, "train", ExportOptions.of(ExportFormat.CSV,
                    ExportCompression.NONE)), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("id,my col,select,f1,cat,flag,d,ts\n").contains(",1.23456789012345,");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"DUCKDB", "POSTGRESQL"})
    void nativeCsvReadsBackLikeTheJdbcPath(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            DatasetQueries queries = new DatasetQueries(dataset);
            for (ExportOptions options : List.of(new ExportOptions(ExportFormat.CSV, ExportCompression.NONE, true, ';'),
                    new ExportOptions(ExportFormat.CSV, ExportCompression.ZIP, true, '\t'))) {
                byte[] nativeFile = export(new TableExporter(dataset), "train", options);
                byte[] jdbcFile = export(new TableExporter(dataset, false), "train", options);
                String suffix = options.delimiter() == ';' ? "semicolon" : "tab";
                for (String variant : List.of("native", "jdbc")) {
                    byte[] file = variant.equals("native") ? nativeFile : jdbcFile;
                    DatasetRegistrar.standard(fixture.store()).register(
                            RegistrationRequest.of("source", variant + "_" + suffix, RegistrationMode.CREATE),
                            ContentInput.of(() -> new ByteArrayInputStream(file), InputFormat.AUTO));
                }
                assertThat(queries.tableSchema("native_" + suffix).columns())
                        .isEqualTo(queries.tableSchema("train").columns());
                assertThat(drain(queries.open(QuerySpec.table("native_" + suffix))))
                        .isEqualTo(drain(queries.open(QuerySpec.table("jdbc_" + suffix))))
                        .isEqualTo(drain(queries.open(QuerySpec.table("train"))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void integralDoublesAndBooleansAreSpelledAlikeOnEveryEngine(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            byte[] csv = "x,b\n3.0,true\n-2.0,false\n1e20,\n".getBytes(StandardCharsets.UTF_8);
            DatasetRegistrar.standard(fixture.store()).register(RegistrationRequest.of("whole", "t",
                    RegistrationMode.CREATE), ContentInput.of(() -> new ByteArrayInputStream(csv), InputFormat.AUTO));
            Dataset dataset = fixture.store().open("whole");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new TableExporter(dataset).export("t", ExportOptions.of(ExportFormat.CSV, ExportCompression.NONE), out);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.subList(0, 3)).containsExactly("x,b", "3.0,true", "-2.0,false");
            assertThat(Double.parseDouble(lines.get(3).substring(0, lines.get(3).length() - 1))).isEqualTo(1e20);
            assertThat(lines.get(3)).endsWith(",");
        }
    }

    @Test
    void csvHeaderAndDelimiterOptionsAndQuoting() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            DatasetQueries queries = new DatasetQueries(dataset);
            QuerySpec firstRows = QuerySpec.table("train").withFilter(FilterParser.parse("{\"id\": [1, 2, 3]}"))
                    .withOrderBy(List.of(new io.nifimdm.core.query.SortKey("id", false)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RowCursor rows = queries.open(firstRows)) {
                TableExporter.write(rows, new ExportOptions(ExportFormat.CSV, ExportCompression.NONE, false, ';'),
                        "x.csv", out);
            }
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Object[] row = DATA.rows.get(i);
                String myCol = (String) row[1];
                String expected = myCol == null ? "" : myCol.isEmpty() ? "\"\"" : myCol.contains("\"")
                        ? "\"" + myCol.replace("\"", "\"\"") + "\"" : myCol;
                assertThat(lines.get(i)).startsWith((i + 1) + ";" + expected + ";");
            }
            assertThat(lines.get(2)).contains(";1.23456789012345;");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void jsonArraysAndLinesKeepValuesNullsAndIsoDates(BackendKind kind) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            TableExporter exporter = new TableExporter(DATA.register(fixture.store(), "source", "train"));
            for (ExportCompression compression : List.of(ExportCompression.NONE, ExportCompression.GZIP,
                    ExportCompression.ZIP)) {
                ExportOptions options = ExportOptions.of(ExportFormat.JSON, compression);
                byte[] file = uncompress(export(exporter, "train", options), compression,
                        options.fileName("source", "train"));
                JsonNode array = mapper.readTree(file);
                assertThat(array.isArray()).isTrue();
                assertRecords(new ArrayList<>(toList(array)));
            }
            byte[] lines = export(exporter, "train", ExportOptions.of(ExportFormat.JSON_LINES, ExportCompression.NONE));
            List<JsonNode> records = new ArrayList<>();
            for (String line : new String(lines, StandardCharsets.UTF_8).split("\n")) {
                records.add(mapper.readTree(line));
            }
            assertRecords(records);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static void assertRecords(List<JsonNode> records) {
        records.sort(java.util.Comparator.comparingLong(r -> r.get("id").asLong()));
        assertThat(records).hasSize(DATA.rows.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            Object[] row = DATA.rows.get(i);
            assertThat(record.get("id").longValue()).isEqualTo(row[0]);
            assertThat(record.get("my col").isNull() ? null : record.get("my col").textValue()).isEqualTo(row[1]);
            assertThat(record.get("select").isNull() ? null : record.get("select").longValue()).isEqualTo(row[2]);
            assertThat(record.get("f1").isNull() ? null : record.get("f1").doubleValue()).isEqualTo(row[3]);
            assertThat(record.get("flag").isNull() ? null : record.get("flag").booleanValue()).isEqualTo(row[5]);
            assertThat(record.get("d").textValue()).isEqualTo(row[6].toString());
            assertThat(LocalDateTime.parse(record.get("ts").textValue().replace(' ', 'T'))).isEqualTo(row[7]);
        }
    }

    /**
     * parquet-avro's reader rebuilds an Avro schema from the file and Avro refuses names like {@code my col}, so this
     * read-back renames the two messy columns through read-only SQL; {@link #duckDbReadsTheParquetWithSqlTypes} reads
     * the messy names as they are.
     */
    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void parquetReadsBackValueByValueWithItsTypesInEveryCodec(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "source", "train"));
            for (ExportCompression compression : List.of(ExportCompression.NONE, ExportCompression.SNAPPY,
                    ExportCompression.GZIP, ExportCompression.ZSTD)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (RowCursor rows = queries.openSql("SELECT id, \"my col\" AS my_col, \"select\" AS select_n, f1, "
                        + "cat, flag, d, ts FROM train", null)) {
                    TableExporter.write(rows, ExportOptions.of(ExportFormat.PARQUET, compression), "x.parquet", out);
                }
                List<GenericRecord> records = readParquet(out.toByteArray());
                assertThat(records).as(compression.id()).hasSize(DATA.rows.size());
                Schema schema = records.get(0).getSchema();
                assertThat(schema.getFields()).extracting(Schema.Field::name).containsExactly("id", "my_col",
                        "select_n", "f1", "cat", "flag", "d", "ts");
                assertThat(nonNull(schema, "id").getType()).isEqualTo(Schema.Type.LONG);
                assertThat(nonNull(schema, "select_n").getType()).isEqualTo(Schema.Type.LONG);
                assertThat(nonNull(schema, "f1").getType()).isEqualTo(Schema.Type.DOUBLE);
                assertThat(nonNull(schema, "flag").getType()).isEqualTo(Schema.Type.BOOLEAN);
                assertThat(nonNull(schema, "my_col").getType()).isEqualTo(Schema.Type.STRING);
                assertThat(nonNull(schema, "d").getLogicalType()).isEqualTo(LogicalTypes.date());
                assertThat(nonNull(schema, "ts").getLogicalType()).isEqualTo(LogicalTypes.localTimestampMicros());
                records.sort(java.util.Comparator.comparingLong(r -> (Long) r.get("id")));
                for (int i = 0; i < records.size(); i++) {
                    GenericRecord record = records.get(i);
                    Object[] row = DATA.rows.get(i);
                    assertThat(record.get("id")).isEqualTo(row[0]);
                    assertThat(record.get("my_col") == null ? null : record.get("my_col").toString())
                            .isEqualTo(row[1]);
                    assertThat(record.get("select_n")).isEqualTo(row[2]);
                    assertThat(record.get("f1")).isEqualTo(row[3]);
                    assertThat(record.get("cat") == null ? null : record.get("cat").toString()).isEqualTo(row[4]);
                    assertThat(record.get("flag")).isEqualTo(row[5]);
                    assertThat(LocalDate.ofEpochDay((Integer) record.get("d"))).isEqualTo(row[6]);
                    long micros = (Long) record.get("ts");
                    assertThat(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC)).isEqualTo(row[7]);
                }
            }
        }
    }

    private static Schema nonNull(Schema record, String field) {
        return record.getField(field).schema().getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst().orElseThrow();
    }

    static List<GenericRecord> readParquet(byte[] file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new BytesInputFile(file),
                        new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .build()) {
            GenericRecord record;
            while ((record = reader.read()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void duckDbReadsTheParquetWithSqlTypes() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            TableExporter exporter = new TableExporter(DATA.register(fixture.store(), "source", "train"));
            Path file = directory.resolve("train.parquet");
            Files.write(file, export(exporter, "train", ExportOptions.of(ExportFormat.PARQUET,
                    ExportCompression.SNAPPY)));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                 Statement statement = duck.createStatement()) {
                List<String> types = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                    while (rs.next()) {
                        types.add(rs.getString("column_name") + " " + rs.getString("column_type"));
                    }
                }
                assertThat(types).containsExactly("id BIGINT", "my col VARCHAR", "select BIGINT", "f1 DOUBLE",
                        "cat VARCHAR", "flag BOOLEAN", "d DATE", "ts TIMESTAMP");
                try (ResultSet rs = statement.executeQuery("SELECT count(*), count(f1), sum(f1), "
                        + "count(\"my col\") FROM read_parquet('" + file + "')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(DATA.rows.size());
                    assertThat(rs.getLong(2)).isEqualTo(DATA.rows.stream().filter(r -> r[3] != null).count());
                    assertThat(rs.getLong(4)).isEqualTo(DATA.rows.stream().filter(r -> r[1] != null).count());
                }
            }
        }
    }

    @Test
    void duckDbsNativeParquetHoldsTheSameTypesAndValuesAsTheJdbcPath() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            for (ExportCompression compression : List.of(ExportCompression.NONE, ExportCompression.SNAPPY,
                    ExportCompression.GZIP, ExportCompression.ZSTD)) {
                ExportOptions options = ExportOptions.of(ExportFormat.PARQUET, compression);
                Path nativeFile = directory.resolve("native-" + compression.id() + ".parquet");
                Path jdbcFile = directory.resolve("jdbc-" + compression.id() + ".parquet");
                Files.write(nativeFile, export(new TableExporter(dataset), "train", options));
                Files.write(jdbcFile, export(new TableExporter(dataset, false), "train", options));
                assertThat(Files.readAllBytes(nativeFile)).isNotEqualTo(Files.readAllBytes(jdbcFile));
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                     Statement statement = duck.createStatement()) {
                    assertThat(describe(statement, nativeFile)).isEqualTo(describe(statement, jdbcFile))
                            .contains("d DATE", "ts TIMESTAMP", "id BIGINT", "f1 DOUBLE", "flag BOOLEAN");
                    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM (SELECT * FROM read_parquet('"
                            + nativeFile + "') EXCEPT ALL SELECT * FROM read_parquet('" + jdbcFile + "'))")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(compression.id()).isZero();
                    }
                    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet('" + nativeFile
                            + "')")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(DATA.rows.size());
                    }
                }
            }
        }
    }

    private static List<String> describe(Statement statement, Path file) throws Exception {
        List<String> types = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.add(rs.getString("column_name") + " " + rs.getString("column_type"));
            }
        }
        return types;
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void emptyTablesGiveValidEmptyFiles(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            dataset.write(WriteMode.EXCLUSIVE, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(dataset.backend().createTableSql(dataset.schema(), "empty", List.of(
                            new ColumnDef("n", ColumnType.INTEGER), new ColumnDef("label", ColumnType.TEXT),
                            new ColumnDef("day", ColumnType.DATE))));
                }
                return null;
            });
            TableExporter exporter = new TableExporter(dataset);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            assertThat(exporter.export("empty", ExportOptions.of(ExportFormat.CSV, ExportCompression.NONE), csv))
                    .isZero();
            assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("n,label,day\n");
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            exporter.export("empty", ExportOptions.of(ExportFormat.JSON, ExportCompression.NONE), json);
            assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo("[]");
            ByteArrayOutputStream parquet = new ByteArrayOutputStream();
            exporter.export("empty", ExportOptions.of(ExportFormat.PARQUET, ExportCompression.ZSTD), parquet);
            assertThat(readParquet(parquet.toByteArray())).isEmpty();
            ByteArrayOutputStream gzip = new ByteArrayOutputStream();
            exporter.export("empty", ExportOptions.of(ExportFormat.CSV, ExportCompression.GZIP), gzip);
            assertThat(new String(uncompress(gzip.toByteArray(), ExportCompression.GZIP, "x"),
                    StandardCharsets.UTF_8)).isEqualTo("n,label,day\n");
            assertThatThrownBy(() -> exporter.export("missing", ExportOptions.of(ExportFormat.CSV,
                    ExportCompression.NONE), new ByteArrayOutputStream())).isInstanceOf(MdmException.class)
                    .hasMessageContaining("not found");
        }
    }

    @Test
    void unsupportedCombinationsAreRefusedAndNamesFollowTheSpec() {
        assertThatThrownBy(() -> ExportOptions.of(ExportFormat.CSV, ExportCompression.SNAPPY))
                .hasMessageContaining("not supported for csv");
        assertThatThrownBy(() -> ExportOptions.of(ExportFormat.PARQUET, ExportCompression.ZIP))
                .hasMessageContaining("not supported for parquet");
        assertThatThrownBy(() -> ExportOptions.of(ExportFormat.JSON, ExportCompression.ZSTD))
                .isInstanceOf(MdmException.class);
        assertThatThrownBy(() -> ExportFormat.parse("xlsx")).hasMessageContaining("Invalid format 'xlsx'");
        assertThat(ExportOptions.of(ExportFormat.CSV, ExportCompression.ZIP).fileName("ds", "train"))
                .isEqualTo("ds_train.csv.zip");
        assertThat(ExportOptions.of(ExportFormat.JSON, ExportCompression.GZIP).fileName("ds", "test"))
                .isEqualTo("ds_test.json.gz");
        assertThat(ExportOptions.of(ExportFormat.PARQUET, ExportCompression.SNAPPY).fileName("ds", "train_features"))
                .isEqualTo("ds_train_features.parquet");
    }

    @Test
    void metadataDocumentDescribesDatasetTablesAndColumns() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "source", "train");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MetadataExport.write(dataset, List.of("train"), Instant.parse("2026-01-02T03:04:05Z"), out);
            JsonNode root = new ObjectMapper().readTree(out.toByteArray());
            assertThat(root.get("dataset_name").asText()).isEqualTo("source");
            assertThat(root.get("export_timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(root.get("dataset_info").get("backend").asText()).isEqualTo("duckdb");
            JsonNode table = root.get("tables").get(0);
            assertThat(table.get("name").asText()).isEqualTo("train");
            assertThat(table.get("row_count").asLong()).isEqualTo(DATA.rows.size());
            assertThat(table.get("columns")).hasSize(8);
            assertThat(table.get("columns").get(6).get("storage_type").asText()).isEqualTo("date");
            assertThat(table.get("statistics").size()).isPositive();
        }
    }

    /** A Parquet input over bytes in memory. */
    private record BytesInputFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            SeekableBytes in = new SeekableBytes(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return in.position();
                }

                @Override
                public void seek(long newPos) {
                    in.seek((int) newPos);
                }
            };
        }
    }

    private static final class SeekableBytes extends ByteArrayInputStream {
        SeekableBytes(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        void seek(int position) {
            pos = position;
        }
    }
}
