package io.nifimdm.core.query;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;

/** The same structured query gives the same rows on SQLite, DuckDB and PostgreSQL (doubles to 1e-9 relative). */
class CrossEngineQueryTest {

    private static final QueryTestData DATA = new QueryTestData(500, 11);

    @TempDir
    Path directory;

    @Test
    void everyQueryShapeGivesIdenticalResultsOnAllEngines() {
        List<QuerySpec> specs = List.of(
                QuerySpec.table("train").withColumns(List.of("id", "my col", "f1"))
                        .withFilter(FilterParser.parse("{\"$or\": [{\"cat\": [\"a\", \"c\"]}, {\"flag\": false}], "
                                + "\"f1\": {\"is_null\": false}}")),
                QuerySpec.table("train").withOrderBy(NameLists.sortKeys("\"my col\" DESC, f1")).withPaging(25L, 40L),
                QuerySpec.table("train").withColumns(List.of("id", "ts")).withPaging(17L, 100L),
                QuerySpec.table("train").withColumns(List.of("id")).withSample(Sample.fraction(0.1, 123)),
                QuerySpec.table("train").withColumns(List.of("id", "cat")).withFilter(FilterParser.parse(
                        "{\"select\": {\">\": 3}}")).withSample(Sample.rows(20, 5)),
                QuerySpec.table("train").withAggregation(List.of("cat", "flag"), NameLists.aggregations(
                        "count(*), avg(f1), stddev(f1), min(\"my col\"), max(d), median(select), "
                                + "quantile(f1, 0.25), count_distinct(select), sum(f1)")),
                QuerySpec.table("train").withAggregation(List.of("select"), NameLists.aggregations("count(*) AS n"))
                        .withOrderBy(NameLists.sortKeys("n desc")).withPaging(3L, null),
                QuerySpec.table("train").withAggregation(List.of(), NameLists.aggregations(
                        "count(*), max(ts), quantile(f1, 0.9)")).withSample(Sample.fraction(0.5, 1)));

        Map<BackendKind, List<List<List<Object>>>> results = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id()))) {
                DatasetQueries queries = new DatasetQueries(DATA.register(fixture.store(), "cross", "train"));
                List<List<List<Object>>> perSpec = new ArrayList<>();
                for (QuerySpec spec : specs) {
                    perSpec.add(drain(queries.open(spec)));
                }
                results.put(kind, perSpec);
            }
        }
        List<List<List<Object>>> reference = results.get(BackendKind.DUCKDB);
        for (int s = 0; s < specs.size(); s++) {
            assertThat(reference.get(s)).as("spec %d returns rows", s).isNotEmpty();
        }
        for (BackendKind kind : List.of(BackendKind.SQLITE, BackendKind.POSTGRESQL)) {
            List<List<List<Object>>> actual = results.get(kind);
            for (int s = 0; s < specs.size(); s++) {
                assertSameRows(kind + " spec " + s, actual.get(s), reference.get(s));
            }
        }
    }

    private static void assertSameRows(String what, List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(actual).as(what + " row count").hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            List<Object> a = actual.get(r);
            List<Object> e = expected.get(r);
            assertThat(a).as(what + " row " + r).hasSameSizeAs(e);
            for (int c = 0; c < e.size(); c++) {
                if (e.get(c) instanceof Double expectedDouble && a.get(c) instanceof Double actualDouble) {
                    assertThat(actualDouble).as(what + " row " + r + " column " + c)
                            .isCloseTo(expectedDouble, org.assertj.core.api.Assertions.within(
                                    1e-9 * Math.max(1, Math.abs(expectedDouble))));
                } else {
                    assertThat(a.get(c)).as(what + " row " + r + " column " + c).isEqualTo(e.get(c));
                }
            }
        }
    }
}
