package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetQueriesTest {

    private static final QueryTestData DATA = new QueryTestData(240, 42);

    @TempDir
    Path directory;

    private static Object at(Object[] row, String column) {
        return row[QueryTestData.COLUMNS.indexOf(column)];
    }

    private static List<Long> expectedIds(Predicate<Object[]> predicate) {
        return DATA.rows.stream().filter(predicate).map(r -> (Long) r[0]).toList();
    }

    private static List<Long> ids(List<List<Object>> rows) {
        return rows.stream().map(r -> (Long) r.get(0)).toList();
    }

    private static List<Long> queryIds(DatasetQueries queries, String filterJson) {
        QuerySpec spec = QuerySpec.table("train").withColumns(List.of("id"))
                .withFilter(FilterParser.parse(filterJson)).withOrderBy(List.of(new SortKey("id", false)));
        return ids(drain(queries.open(spec)));
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void columnsComeFromTheTableWithTheirStorageTypes(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));
            assertThat(queries.tableSchema("train").columns()).containsExactly(
                    new ResultColumn("id", ColumnType.INTEGER), new ResultColumn("my col", ColumnType.TEXT),
                    new ResultColumn("select", ColumnType.INTEGER), new ResultColumn("f1", ColumnType.DECIMAL),
                    new ResultColumn("cat", ColumnType.TEXT), new ResultColumn("flag", ColumnType.BOOLEAN),
                    new ResultColumn("d", ColumnType.DATE), new ResultColumn("ts", ColumnType.TIMESTAMP));
            List<List<Object>> all = drain(queries.open(QuerySpec.table("train")
                    .withOrderBy(List.of(new SortKey("id", false)))));
            assertThat(all).hasSize(DATA.rows.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i)).containsExactly(DATA.rows.get(i));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void filtersSelectExactlyTheMatchingRows(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));

            assertThat(queryIds(queries, "{\"cat\": \"a\"}")).isEqualTo(expectedIds(r -> "a".equals(at(r, "cat"))));
            assertThat(queryIds(queries, "{\"cat\": null}")).isEqualTo(expectedIds(r -> at(r, "cat") == null));
            assertThat(queryIds(queries, "{\"my col\": \"\"}")).isEqualTo(expectedIds(r -> "".equals(at(r, "my col"))))
                    .isNotEmpty();
            assertThat(queryIds(queries, "{\"cat\": [\"b\", null]}")).isEqualTo(
                    expectedIds(r -> at(r, "cat") == null || "b".equals(at(r, "cat"))));
            assertThat(queryIds(queries, "{\"cat\": {\"not_in\": [\"a\", \"b\"]}}")).isEqualTo(
                    expectedIds(r -> at(r, "cat") != null && !"a".equals(at(r, "cat")) && !"b".equals(at(r, "cat"))));
            assertThat(queryIds(queries, "{\"f1\": {\">\": 0, \"<=\": 1000}}")).isEqualTo(expectedIds(r ->
                    at(r, "f1") != null && (Double) at(r, "f1") > 0 && (Double) at(r, "f1") <= 1000));
            assertThat(queryIds(queries, "{\"select\": {\"between\": [2, 7]}, \"flag\": true}")).isEqualTo(
                    expectedIds(r -> at(r, "select") != null && (Long) at(r, "select") >= 2
                            && (Long) at(r, "select") <= 7 && Boolean.TRUE.equals(at(r, "flag"))));
            assertThat(queryIds(queries, "{\"flag\": {\"is_null\": true}}")).isEqualTo(
                    expectedIds(r -> at(r, "flag") == null));
            assertThat(queryIds(queries, "{\"f1\": {\"!=\": null}}")).isEqualTo(expectedIds(r -> at(r, "f1") != null));
            assertThat(queryIds(queries, "{\"d\": {\">=\": \"2024-06-01\"}, \"ts\": {\"<\": \"2024-01-01 12:00:00\"}}"))
                    .isEqualTo(expectedIds(r -> !((LocalDate) at(r, "d")).isBefore(LocalDate.of(2024, 6, 1))
                            && ((LocalDateTime) at(r, "ts")).isBefore(LocalDateTime.of(2024, 1, 1, 12, 0))));
            // LIKE is case-sensitive everywhere (SQLite's own LIKE is not)
            assertThat(queryIds(queries, "{\"my col\": {\"like\": \"alpha%\"}}")).isEqualTo(expectedIds(r ->
                    at(r, "my col") != null && ((String) at(r, "my col")).startsWith("alpha"))).isNotEmpty();
            assertThat(queryIds(queries, "{\"$or\": [{\"cat\": \"a\", \"f1\": {\"<\": 0}}, {\"my col\": "
                    + "{\"like\": \"_ b\"}}]}")).isEqualTo(expectedIds(r ->
                    ("a".equals(at(r, "cat")) && at(r, "f1") != null && (Double) at(r, "f1") < 0)
                            || "a b".equals(at(r, "my col"))));
            assertThat(queryIds(queries, "{\"my col\": \"Zoë 東京\"}")).isEqualTo(
                    expectedIds(r -> "Zoë 東京".equals(at(r, "my col")))).isNotEmpty();
            assertThat(queryIds(queries, "{\"my col\": \"say \\\"hi\\\"\"}")).isEqualTo(
                    expectedIds(r -> "say \"hi\"".equals(at(r, "my col")))).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aggregationsMatchValuesComputedInJava(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));
            QuerySpec spec = QuerySpec.table("train").withAggregation(List.of("cat"), NameLists.aggregations(
                    "count(*), count(f1) AS n_f1, count_distinct(\"my col\"), sum(select), mean(f1), min(f1), "
                            + "max(\"my col\"), stddev(f1), median(f1), quantile(f1, 0.9), min(d), max(ts), "
                            + "max(flag)"));
            List<List<Object>> rows = drain(queries.open(spec));

            Map<String, List<Object[]>> groups = new LinkedHashMap<>();
            DATA.rows.stream().sorted(Comparator.comparing(r -> (String) at(r, "cat"),
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .forEach(r -> groups.computeIfAbsent(String.valueOf(at(r, "cat")), k -> new ArrayList<>()).add(r));
            assertThat(rows).hasSize(groups.size());
            int index = 0;
            for (List<Object[]> group : groups.values()) {
                List<Object> row = rows.get(index++);
                assertThat(row.get(0)).isEqualTo(at(group.get(0), "cat"));
                List<Double> f1 = group.stream().map(r -> (Double) at(r, "f1")).filter(Objects::nonNull).sorted()
                        .toList();
                assertThat(row.get(1)).isEqualTo((long) group.size());
                assertThat(row.get(2)).isEqualTo((long) f1.size());
                assertThat(row.get(3)).isEqualTo(group.stream().map(r -> at(r, "my col")).filter(Objects::nonNull)
                        .distinct().count());
                assertThat(row.get(4)).isEqualTo(group.stream().map(r -> (Long) at(r, "select"))
                        .filter(Objects::nonNull).mapToLong(Long::longValue).sum());
                double mean = f1.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                assertThat((Double) row.get(5)).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
                assertThat(row.get(6)).isEqualTo(f1.get(0));
                assertThat(row.get(7)).isEqualTo(group.stream().map(r -> (String) at(r, "my col"))
                        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow());
                double variance = f1.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (f1.size() - 1);
                assertThat((Double) row.get(8)).isCloseTo(Math.sqrt(variance), within(1e-6));
                assertThat((Double) row.get(9)).isCloseTo(quantile(f1, 0.5), within(1e-9));
                assertThat((Double) row.get(10)).isCloseTo(quantile(f1, 0.9), within(1e-9));
                assertThat(row.get(11)).isEqualTo(group.stream().map(r -> (LocalDate) at(r, "d"))
                        .min(Comparator.naturalOrder()).orElseThrow());
                assertThat(row.get(12)).isEqualTo(group.stream().map(r -> (LocalDateTime) at(r, "ts"))
                        .max(Comparator.naturalOrder()).orElseThrow());
                assertThat(row.get(13)).isEqualTo(group.stream().anyMatch(r -> Boolean.TRUE.equals(at(r, "flag"))));
            }
        }
    }

    static double quantile(List<Double> sorted, double p) {
        double position = p * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.size() - 1);
        return sorted.get(low) + (position - low) * (sorted.get(high) - sorted.get(low));
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void samplesAreReproducibleAndPagingFollowsInsertionOrder(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));
            QuerySpec base = QuerySpec.table("train").withColumns(List.of("id"));

            List<Long> sample = ids(drain(queries.open(base.withSample(Sample.fraction(0.25, 7)))));
            assertThat(ids(drain(queries.open(base.withSample(Sample.fraction(0.25, 7)))))).isEqualTo(sample);
            assertThat(sample.size()).isBetween(30, 90);
            assertThat(ids(drain(queries.open(base.withSample(Sample.fraction(0.25, 8)))))).isNotEqualTo(sample);
            assertThat(sample).isSorted();

            List<Long> rows = ids(drain(queries.open(base.withSample(Sample.rows(10, 7)))));
            assertThat(rows).hasSize(10).doesNotHaveDuplicates();
            assertThat(ids(drain(queries.open(base.withSample(Sample.rows(10, 7)))))).isEqualTo(rows);

            assertThat(ids(drain(queries.open(base.withPaging(10L, 20L))))).isEqualTo(
                    java.util.stream.LongStream.rangeClosed(21, 30).boxed().toList());
            assertThat(ids(drain(queries.open(base.withPaging(null, 235L))))).containsExactly(236L, 237L, 238L,
                    239L, 240L);
            List<Long> byF1 = ids(drain(queries.open(base.withOrderBy(List.of(new SortKey("f1", true)))
                    .withPaging(5L, 0L))));
            assertThat(byF1).isEqualTo(DATA.rows.stream().filter(r -> at(r, "f1") != null)
                    .sorted(Comparator.comparing(r -> -(Double) at(r, "f1"))).limit(5).map(r -> (Long) r[0]).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void namesAndValuesCannotInjectSql(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "q", "train");
            DatasetQueries queries = new DatasetQueries(dataset);
            QuerySpec base = QuerySpec.table("train");

            assertThatThrownBy(() -> queries.open(base.withColumns(List.of("id; DROP TABLE train"))))
                    .isInstanceOf(MdmException.class).hasMessageContaining("Unknown column 'id; DROP TABLE train'");
            assertThatThrownBy(() -> queries.open(base.withColumns(List.of("nope"))))
                    .hasMessageContaining("Unknown column 'nope' in table 'train'").hasMessageContaining("my col");
            assertThatThrownBy(() -> queries.open(QuerySpec.table("train\"; DROP TABLE train; --")))
                    .isInstanceOf(MdmException.class);
            assertThatThrownBy(() -> queries.open(base.withOrderBy(List.of(new SortKey("id DESC; DELETE", false)))))
                    .hasMessageContaining("Unknown column");
            assertThatThrownBy(() -> queries.open(base.withFilter(FilterParser.parse(
                    "{\"id) OR (1=1\": 1}")))).hasMessageContaining("Unknown column");
            // a hostile alias is only ever a quoted name
            try (RowCursor cursor = queries.open(base.withAggregation(List.of(), NameLists.aggregations(
                    "count(*) AS \"x\"\" FROM train; DROP TABLE train; --\"")))) {
                assertThat(cursor.columns().get(0).name()).isEqualTo("x\" FROM train; DROP TABLE train; --");
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.value(0)).isEqualTo((long) DATA.rows.size());
            }
            assertThat(queryIds(queries, "{\"my col\": \"' OR '1'='1\"}")).isEmpty();
            assertThat(queryIds(queries, "{\"cat\": \"a'; DROP TABLE train; --\"}")).isEmpty();
            assertThatThrownBy(() -> queryIds(queries, "{\"id\": \"1 OR 1=1\"}"))
                    .hasMessageContaining("does not fit column 'id'");
            assertThatThrownBy(() -> queries.open(base.withPaging(-1L, null))).hasMessageContaining("negative");
            assertThatThrownBy(() -> queries.open(QuerySpec.table("_mdm_tables"))).hasMessageContaining("metadata");
            assertThatThrownBy(() -> queries.open(QuerySpec.table("nope"))).hasMessageContaining("not found");
            assertThatThrownBy(() -> queries.open(base.withAggregation(List.of(), NameLists.aggregations(
                    "avg(cat)")))).hasMessageContaining("numeric");
            assertThat(drain(queries.open(base))).hasSize(DATA.rows.size());
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void userSqlRunsReadOnlyAndWritesAreRefused(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            Dataset dataset = DATA.register(fixture.store(), "q", "train");
            DatasetQueries queries = new DatasetQueries(dataset);

            List<List<Object>> counts = drain(queries.openSql(
                    "SELECT cat, count(*) AS n, avg(f1) AS mean FROM train WHERE cat IS NOT NULL GROUP BY cat "
                            + "ORDER BY cat;", DatasetQueries.DEFAULT_TIMEOUT));
            assertThat(counts).hasSize(4);
            assertThat(counts.get(0).get(0)).isEqualTo("a");
            assertThat(counts.get(0).get(1)).isEqualTo(DATA.rows.stream().filter(r -> "a".equals(at(r, "cat"))).count());
            assertThat(counts.get(0).get(2)).isInstanceOf(Double.class);
            assertThat(drain(queries.openSql("WITH x AS (SELECT id FROM train WHERE id <= 3) SELECT * FROM x ORDER BY id",
                    null))).containsExactly(List.of(1L), List.of(2L), List.of(3L));

            for (String refused : List.of(
                    "DELETE FROM train",
                    "DROP TABLE train",
                    "INSERT INTO train (id) VALUES (1)",
                    "UPDATE train SET cat = 'x'",
                    "SELECT 1; DELETE FROM train",
                    "SELECT 1; SELECT 2",
                    "CREATE TABLE x AS SELECT * FROM train",
                    "ATTACH 'other.db' AS other",
                    "PRAGMA query_only = 0",
                    "COPY train TO '/tmp/leak.csv'",
                    "INSTALL httpfs",
                    "LOAD httpfs",
                    "SET enable_external_access = true",
                    "CALL pragma_version()",
                    "WITH d AS (DELETE FROM train RETURNING *) SELECT * FROM d",
                    "SELECT * INTO copy_of_train FROM train",
                    "SELECT * FROM read_csv('/etc/passwd')",
                    "SELECT * FROM read_parquet('x.parquet')",
                    "SELECT * FROM glob('/*')",
                    "SELECT pg_read_file('/etc/passwd')",
                    "SELECT load_extension('x')",
                    "SELECT * FROM train FOR UPDATE",
                    "SELECT E'\\'' ; DROP TABLE train; --'")) {
                assertThatThrownBy(() -> drain(queries.openSql(refused, null))).as(refused)
                        .isInstanceOf(MdmException.class);
            }
            assertThat(drain(queries.openSql("SELECT count(*) FROM train", null))).containsExactly(
                    List.of((long) DATA.rows.size()));
            assertThat(drain(queries.openSql("SELECT \"my col\" AS \"load\" FROM train WHERE id = 1", null)))
                    .hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = "POSTGRESQL")
    void postgresUserSqlStopsAtTheStatementTimeout(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));
            assertThatThrownBy(() -> drain(queries.openSql("SELECT count(*) FROM generate_series(1, 2000000000)",
                    java.time.Duration.ofMillis(20)))).isInstanceOf(MdmException.class)
                    .hasMessageContaining("statement timeout");
            assertThat(drain(queries.openSql("SELECT count(*) FROM train", null)))
                    .containsExactly(List.of((long) DATA.rows.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void connectionsUsedForUserSqlAreWritableAgainAfterwards(BackendKind kind) {
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 2)) {
            Dataset dataset = DATA.register(fixture.store(), "q", "train");
            DatasetQueries queries = new DatasetQueries(dataset);
            for (int i = 0; i < 3; i++) {
                assertThat(drain(queries.openSql("SELECT count(*) FROM train", null))).hasSize(1);
                assertThatThrownBy(() -> drain(queries.openSql("SELECT * FROM nope", null)))
                        .isInstanceOf(MdmException.class);
            }
            DATA.register(fixture.store(), "q2", "train");
            new QueryTestData(5, 1).register(fixture.store(), "q3", "train");
            io.nifimdm.core.register.DatasetRegistrar.standard(fixture.store()).register(
                    io.nifimdm.core.register.RegistrationRequest.of("q", "more",
                            io.nifimdm.core.register.RegistrationMode.CREATE),
                    io.nifimdm.core.register.ContentInput.of(() -> new java.io.ByteArrayInputStream(DATA.csv),
                            io.nifimdm.core.ingest.InputFormat.AUTO));
            assertThat(drain(queries.open(QuerySpec.table("more").withAggregation(List.of(),
                    NameLists.aggregations("count(*)"))))).containsExactly(List.of((long) DATA.rows.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = "DUCKDB")
    void duckDbUserSqlCannotReachFiles(BackendKind kind) throws Exception {
        Path secret = directory.resolve("secret.csv");
        java.nio.file.Files.writeString(secret, "a\n1\n");
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "q", "train"));
            for (String attempt : List.of(
                    "SELECT * FROM '" + secret + "'",
                    "SELECT * FROM \"" + secret + "\"",
                    "FROM '" + secret + "'",
                    "SELECT * FROM train WHERE id IN (SELECT a FROM '" + secret + "')",
                    "SELECT * FROM (WITH \"" + secret + "\" AS (SELECT 1) SELECT * FROM \"" + secret + "\")",
                    "SELECT * FROM read_csv_auto('" + secret + "')",
                    "SELECT * FROM sniff_csv('" + secret + "')",
                    "SELECT * FROM query('SELECT 1')",
                    "SELECT * FROM other.main.train",
                    "SELECT * FROM 'https://example.com/x.parquet'",
                    "SELECT getenv('HOME')",
                    "SELECT * FROM range(3)")) {
                assertThatThrownBy(() -> drain(queries.openSql(attempt, null))).as(attempt)
                        .isInstanceOf(MdmException.class);
            }
            assertThat(drain(queries.openSql("SELECT count(*) FROM main.train", null)))
                    .containsExactly(List.of((long) DATA.rows.size()));
        }
    }
}
