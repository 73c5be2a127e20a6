package io.nifimdm.core.query;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregates with few groups and with more groups than one fetch holds give every group in order (PostgreSQL runs
 * the first whole and the second through a cursor), the same on every engine.
 */
class AggregateResultSizeTest {

    private static final int ROWS = DatasetQueries.FETCH_SIZE + 500;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void smallAndLargeGroupedResultsAreComplete(BackendKind kind) {
        StringBuilder csv = new StringBuilder("id,g,x\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i).append(',').append("g").append(i % 7).append(',').append(i * 0.5).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try (StoreFixture fixture = StoreFixture.open(kind, directory)) {
            DatasetRegistrar.standard(fixture.store()).register(RegistrationRequest.of("sizes", "t",
                    RegistrationMode.CREATE), ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.CSV));
            Dataset dataset = fixture.store().open("sizes");
            DatasetQueries queries = new DatasetQueries(dataset);

            List<List<Object>> few = drain(queries.open(QuerySpec.table("t").withAggregation(List.of("g"),
                    NameLists.aggregations("count(*), sum(x)")).withFilter(FilterParser.parse(
                    "{\"id\": {\">\": 10}}"))));
            assertThat(few).extracting(row -> row.get(0)).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6");
            assertThat(few.stream().mapToLong(row -> (Long) row.get(1)).sum()).isEqualTo(ROWS - 10);

            List<List<Object>> many = drain(queries.open(QuerySpec.table("t").withAggregation(List.of("id"),
                    NameLists.aggregations("count(*)")).withFilter(FilterParser.parse("{\"id\": {\">\": 2}}"))));
            assertThat(many).hasSize(ROWS - 2);
            for (int i = 0; i < many.size(); i++) {
                assertThat(many.get(i)).containsExactly((long) i + 3, 1L);
            }
        }
    }
}
