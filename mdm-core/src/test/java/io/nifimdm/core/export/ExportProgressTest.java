package io.nifimdm.core.export;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.query.DatasetQueries;
import io.nifimdm.core.query.QuerySpec;
import io.nifimdm.core.query.RowCursor;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;

/** Progress reports while rows stream, and the read-ahead cursor that feeds the writers. */
class ExportProgressTest {

    private static final int ROWS = 70_000;

    @TempDir
    Path directory;

    private static Dataset register(DatasetStore store, int rows) {
        StringBuilder csv = new StringBuilder("id,x,label\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(i * 0.25).append(",row ").append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        DatasetRegistrar.standard(store).register(RegistrationRequest.of("progress", "t", RegistrationMode.CREATE),
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.CSV));
        return store.open("progress");
    }

    @Test
    void streamedExportsReportEveryIntervalAndTheTotal() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            Dataset dataset = register(fixture.store(), ROWS);
            for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.PARQUET)) {
                List<Long> reports = new ArrayList<>();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long rows = new TableExporter(dataset).export("t", ExportOptions.of(format, format
                        == ExportFormat.PARQUET ? ExportCompression.SNAPPY : ExportCompression.NONE), out, reports::add);
                assertThat(rows).isEqualTo(ROWS);
                assertThat(reports).as(format.name()).containsExactly((long) ExportProgress.INTERVAL_ROWS, (long) ROWS);
                if (format == ExportFormat.CSV) {
                    assertThat(out.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(ROWS + 1);
                }
            }
        }
    }

    @Test
    void nativeExportsReportTheTotalOnce() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            Dataset dataset = register(fixture.store(), 1000);
            List<Long> reports = new ArrayList<>();
            new TableExporter(dataset).export("t", ExportOptions.of(ExportFormat.CSV, ExportCompression.NONE),
                    new ByteArrayOutputStream(), reports::add);
            assertThat(reports).containsExactly(1000L);
        }
    }

    @Test
    void readAheadGivesTheSourceRowsAndReleasesTheConnectionWhenClosedEarly() {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory, 2)) {
            Dataset dataset = register(fixture.store(), ROWS);
            DatasetQueries queries = new DatasetQueries(dataset);
            // a partial last batch, a result of whole batches, and no rows at all
            for (QuerySpec spec : List.of(QuerySpec.table("t"),
                    QuerySpec.table("t").withPaging((long) ReadAheadRowCursor.BATCH_ROWS * 2, null),
                    QuerySpec.table("t").withPaging(0L, null))) {
                assertThat(drain(new ReadAheadRowCursor(queries.open(spec))))
                        .isEqualTo(drain(queries.open(spec)));
            }
            // closed after a few rows, with the reader blocked on a full queue: with two connections in the pool,
            // a leaked one would make the later opens fail
            for (int i = 0; i < 10; i++) {
                try (RowCursor rows = new ReadAheadRowCursor(queries.open(QuerySpec.table("t")))) {
                    for (int r = 0; r < 3; r++) {
                        assertThat(rows.next()).isTrue();
                    }
                    assertThat(rows.value(0)).isEqualTo(3L);
                }
            }
            assertThat(drain(queries.open(QuerySpec.table("t").withPaging(1L, null)))).hasSize(1);
        }
    }
}
