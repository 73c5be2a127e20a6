package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.testsupport.StoreFixture;
import io.nifimdm.core.testsupport.TypedRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog and the dataset operations, the same suite against real SQLite, DuckDB and PostgreSQL. */
class DatasetStoreTest {

    @TempDir
    Path temp;

    private StoreFixture fixture;

    private DatasetStore open(BackendKind kind) {
        fixture = StoreFixture.open(kind, temp);
        return fixture.store();
    }

    @AfterEach
    void closeStore() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void createListAndDrop(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        assertThat(store.list()).isEmpty();

        Dataset dataset = store.create("Test-Dataset", null);
        store.create("another", "Another one");

        assertThat(dataset.name()).isEqualTo("test_dataset");
        assertThat(dataset.backend().kind()).isEqualTo(kind);
        assertThat(store.exists("TEST_DATASET")).isTrue();
        assertThat(store.exists("missing")).isFalse();
        List<DatasetSummary> listed = store.list();
        assertThat(listed).extracting(s -> s.info().name()).containsExactly("another", "test_dataset");
        DatasetInfo info = listed.get(1).info();
        assertThat(info.displayName()).isEqualTo("Test-Dataset");
        assertThat(info.backend()).isEqualTo(kind);
        assertThat(info.createdAt()).isNotNull().isEqualTo(info.updatedAt());
        assertThat(listed.get(1).tables()).isEmpty();
        assertThat(listed.get(0).info().displayName()).isEqualTo("Another one");
        assertThat(store.open("test-dataset").name()).isEqualTo("test_dataset");

        store.drop("test_dataset");

        assertThat(store.exists("test_dataset")).isFalse();
        assertThat(store.list()).extracting(s -> s.info().name()).containsExactly("another");
        assertThatThrownBy(() -> store.open("test_dataset")).isInstanceOf(DatasetNotFoundException.class)
                .hasMessage("Dataset 'test_dataset' not found");
        assertThatThrownBy(() -> store.drop("test_dataset")).isInstanceOf(DatasetNotFoundException.class);
        assertThatThrownBy(() -> dataset.write(WriteMode.APPEND, c -> 1)).isInstanceOf(DatasetNotFoundException.class);
        assertThat(fixture.storageEntries()).allSatisfy(entry -> assertThat(entry).doesNotContain("test_dataset"));
        assertThat(fixture.storageEntries()).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void unicodeNamesAreNormalisedAndWork(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("Données-2024", null);
        assertThat(dataset.name()).isEqualTo("données_2024");
        assertThat(store.list()).extracting(s -> s.info().name(), s -> s.info().displayName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("données_2024", "Données-2024"));
        try (Connection c = store.connect("DONNÉES_2024"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM _mdm_dataset")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("données_2024");
        }
        store.drop("données_2024");
        assertThat(store.list()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void creatingAnExistingDatasetFailsAndKeepsIt(BackendKind kind) {
        DatasetStore store = open(kind);
        store.create("taken", null);
        assertThatThrownBy(() -> store.create("TAKEN", null)).isInstanceOf(DatasetExistsException.class)
                .hasMessage("Dataset 'taken' already exists");
        assertThat(store.exists("taken")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void newDatasetHasItsMetadataTables(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        store.create("meta", null);
        try (Connection connection = store.connect("meta"); Statement statement = connection.createStatement()) {
            for (String table : List.of("_mdm_dataset", "_mdm_tables", "_mdm_columns", "_mdm_stats",
                    "_mdm_feature_plan", "_mdm_ingest_log")) {
                // unqualified on purpose: connect() puts the dataset in scope (its file, or its schema on the path)
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table).isEqualTo(table.equals("_mdm_dataset") ? 1 : 0);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void metadataRoundTrips(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("roundtrip", "Round Trip");
        DatasetMetadata metadata = dataset.metadata();
        Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
        Instant later = created.plus(5, ChronoUnit.MINUTES);
        DatasetInfo info = DatasetInfo.created("roundtrip", "Round Trip", kind, created)
                .withDescription("Ünïcode description, with \"quotes\"", later)
                .withTags(List.of("test", "sample", "é"), later)
                .withTarget("say \"hi\"", later)
                .withIdColumns(List.of("id", "big number"), later)
                .withProblemType(ProblemType.BINARY_CLASSIFICATION, later)
                .withTimeColumn("Zeit stempel ⏱", later)
                .withGroupColumn("名前", later);
        TableInfo train = new TableInfo("train", TableKind.DATA, 12345, 3, null, created, later);
        TableInfo features = new TableInfo("train_features", TableKind.FEATURES, 12345, 40, "train", created, later);
        List<ColumnInfo> columns = List.of(
                new ColumnInfo("train", "id", 0, ColumnType.INTEGER, SemanticType.ID, ColumnRole.ID),
                new ColumnInfo("train", "it's", 1, ColumnType.TEXT, SemanticType.TEXT, ColumnRole.FEATURE),
                new ColumnInfo("train", "target", 2, ColumnType.BOOLEAN, SemanticType.BINARY, ColumnRole.TARGET));
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("", "{\"row_count\":12345}");
        stats.put("id", "{\"min\":1}");
        stats.put("it's", "{\"top\":\"😀\"}");

        dataset.write(WriteMode.EXCLUSIVE, c -> {
            metadata.writeInfo(c, info);
            metadata.putTable(c, train);
            metadata.putTable(c, features);
            metadata.putColumns(c, "train", columns);
            metadata.putStatistics(c, "train", stats);
            assertThat(metadata.putFeaturePlan(c, "{\"v\":1}")).isEqualTo(1);
            assertThat(metadata.putFeaturePlan(c, "{\"v\":2}")).isEqualTo(2);
            metadata.logIngest(c, new IngestRecord("flowfile-1", "train", "create", 12345, later));
            return null;
        });
        // replacing records must not trip over the primary keys of the rows they replace
        dataset.write(WriteMode.EXCLUSIVE, c -> {
            metadata.writeInfo(c, info);
            metadata.putTable(c, train);
            metadata.putColumns(c, "train", columns);
            metadata.putStatistics(c, "train", stats);
            return null;
        });

        try (Connection c = dataset.openReadConnection()) {
            assertThat(metadata.readInfo(c)).isEqualTo(info);
            assertThat(metadata.tables(c)).containsExactly(train, features);
            assertThat(metadata.table(c, "train_features")).contains(features);
            assertThat(metadata.table(c, "nope")).isEmpty();
            assertThat(metadata.columns(c, "train")).isEqualTo(columns);
            assertThat(metadata.statistics(c, "train")).isEqualTo(stats);
            assertThat(metadata.featurePlan(c)).contains("{\"v\":2}");
            assertThat(metadata.isIngested(c, "flowfile-1")).isTrue();
            assertThat(metadata.isIngested(c, "flowfile-2")).isFalse();
            assertThat(((SqlDatasetMetadata) metadata).ingestLog(c))
                    .containsExactly(new IngestRecord("flowfile-1", "train", "create", 12345, later));
        }
        DatasetSummary summary = store.list().getFirst();
        assertThat(summary.info()).isEqualTo(info);
        assertThat(summary.dataRowCount()).isEqualTo(12345);

        assertThatThrownBy(() -> dataset.write(WriteMode.APPEND, c -> {
            metadata.logIngest(c, new IngestRecord("flowfile-1", "train", "append", 1, later));
            return null;
        })).isInstanceOf(MdmException.class).hasMessageContaining("roundtrip");

        dataset.write(WriteMode.EXCLUSIVE, c -> {
            metadata.removeTable(c, "train");
            return null;
        });
        try (Connection c = dataset.openReadConnection()) {
            assertThat(metadata.tables(c)).containsExactly(features);
            assertThat(metadata.columns(c, "train")).isEmpty();
            assertThat(metadata.statistics(c, "train")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void bulkLoadOfTypedRowsReadsBackEqual(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("bulk", null);
        int rows = 100_000;
        Backend backend = dataset.backend();
        long loaded = dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(backend.createTableSql(dataset.schema(), "train", TypedRows.COLUMNS));
            }
            try (RowSink sink = backend.openRowSink(c, dataset.schema(), "train", TypedRows.COLUMNS, 10_000)) {
                for (long i = 0; i < rows; i++) {
                    sink.add(TypedRows.row(i));
                }
                sink.finish();
                dataset.metadata().putTable(c, new TableInfo("train", TableKind.DATA, sink.rowCount(),
                        TypedRows.COLUMNS.size(), null, Instant.now(), Instant.now()));
                return sink.rowCount();
            }
        });
        assertThat(loaded).isEqualTo(rows);
        assertThat(store.list().getFirst().dataRowCount()).isEqualTo(rows);

        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (Connection c = dataset.openReadConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + backend.qualified(dataset.schema(), "train")
                     + " ORDER BY " + backend.quote("id"))) {
            for (int i = 0; i < TypedRows.COLUMNS.size(); i++) {
                assertThat(rs.getMetaData().getColumnName(i + 1)).isEqualTo(TypedRows.COLUMNS.get(i).name());
                assertThat(backend.columnType(rs.getMetaData().getColumnTypeName(i + 1)))
                        .as(TypedRows.COLUMNS.get(i).name()).isEqualTo(TypedRows.COLUMNS.get(i).type());
            }
            while (rs.next()) {
                Object[] written = TypedRows.row(count);
                for (int i = 0; i < written.length; i++) {
                    Object expected = TypedRows.expected(kind, written[i]);
                    Object actual = backend.readValue(rs, i + 1, TypedRows.COLUMNS.get(i).type());
                    if (!TypedRows.same(expected, actual) && mismatches.size() < 10) {
                        mismatches.add("row " + count + " '" + TypedRows.COLUMNS.get(i).name() + "': " + expected
                                + " != " + actual);
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
    void failedWriteLeavesNothingBehind(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("rollback", null);
        Backend backend = dataset.backend();
        List<ColumnDef> columns = List.of(new ColumnDef("x", ColumnType.INTEGER));
        assertThatThrownBy(() -> dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(backend.createTableSql(dataset.schema(), "t", columns));
            }
            try (RowSink sink = backend.openRowSink(c, dataset.schema(), "t", columns, 10)) {
                for (long i = 0; i < 100; i++) {
                    sink.add(new Object[]{i});
                }
                sink.finish();
            }
            dataset.metadata().putTable(c, new TableInfo("t", TableKind.DATA, 100, 1, null, null, null));
            throw new IllegalStateException("the load failed half way");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the load failed half way");

        assertThatThrownBy(() -> dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table");
            }
            return null;
        })).isInstanceOf(MdmException.class).hasMessageContaining("Write to dataset 'rollback' failed");

        try (Connection c = dataset.openReadConnection()) {
            assertThat(dataset.metadata().tables(c)).isEmpty();
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM " + backend.qualified(dataset.schema(), "t")))
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void eightThreadsAppendingCountExactly(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("concurrent", null);
        Backend backend = dataset.backend();
        List<ColumnDef> columns = List.of(new ColumnDef("thread", ColumnType.INTEGER),
                new ColumnDef("n", ColumnType.INTEGER), new ColumnDef("text", ColumnType.TEXT));
        dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(backend.createTableSql(dataset.schema(), "events", columns));
            }
            return null;
        });
        int threads = 8;
        int batches = 5;
        int rowsPerBatch = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        dataset.write(WriteMode.APPEND, c -> {
                            try (RowSink sink = backend.openRowSink(c, dataset.schema(), "events", columns, 250)) {
                                for (long n = 0; n < rowsPerBatch; n++) {
                                    sink.add(new Object[]{thread, n, "row " + n});
                                }
                                sink.finish();
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = dataset.openReadConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT " + backend.quote("thread")
                     + ") FROM " + backend.qualified(dataset.schema(), "events"))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo((long) threads * batches * rowsPerBatch);
            assertThat(rs.getLong(2)).isEqualTo(threads);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void createRacingCreateHasExactlyOneWinner(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.create("race", null);
                        return "won";
                    } catch (DatasetExistsException e) {
                        return e.getMessage();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.equals("won")).hasSize(racers - 1)
                    .allSatisfy(o -> assertThat(o).isEqualTo("Dataset 'race' already exists"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void invalidNamesAreRejectedAndLeaveNothing(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        List<String> before = fixture.storageEntries();
        for (String bad : List.of("a".repeat(101), "", "   ", "a b", "a@b", "a.b", "a/b", "../x", "..", "a\\b",
                "x\u0000y")) {
            assertThatThrownBy(() -> store.create(bad, null)).as("'%s'", bad).isInstanceOf(MdmException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("cannot be empty",
                            "can only contain alphanumeric characters", "cannot exceed 100 characters"));
        }
        assertThat(fixture.storageEntries()).isEqualTo(before);
        assertThat(store.list()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void hundredCharacterNamesFitWhereTheEngineAllows(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        String longest = "a".repeat(100);
        if (kind == BackendKind.POSTGRESQL) {
            // PostgreSQL identifiers stop at 63 bytes; the schema prefix takes part of that
            assertThatThrownBy(() -> store.create(longest, null)).isInstanceOf(MdmException.class)
                    .hasMessageContaining("too long for PostgreSQL").hasMessageContaining("63");
            assertThat(fixture.storageEntries()).isEmpty();
            String fits = "a".repeat(63 - fixture.schemaPrefix().length());
            assertThat(store.create(fits, null).name()).isEqualTo(fits);
        } else {
            assertThat(store.create(longest, null).name()).isEqualTo(longest);
            assertThat(store.exists(longest)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void locationTransitUriAndVersionNameTheEngine(BackendKind kind) {
        DatasetStore store = open(kind);
        store.create("uris", null);
        switch (kind) {
            case SQLITE -> {
                assertThat(store.location()).isEqualTo("jdbc:sqlite:" + fixture.directory().toAbsolutePath());
                assertThat(store.transitUri("uris", "train"))
                        .isEqualTo("jdbc:sqlite:" + fixture.directory().toAbsolutePath().resolve("uris.sqlite") + "#train");
                assertThat(store.engineVersion()).matches("SQLite 3\\.\\d+\\.\\d+");
            }
            case DUCKDB -> {
                assertThat(store.location()).isEqualTo("jdbc:duckdb:" + fixture.directory().toAbsolutePath());
                assertThat(store.transitUri("uris", "train"))
                        .isEqualTo("jdbc:duckdb:" + fixture.directory().toAbsolutePath().resolve("uris.duckdb") + "#train");
                assertThat(store.engineVersion()).matches("DuckDB v1\\.\\d+\\.\\d+");
            }
            case POSTGRESQL -> {
                assertThat(store.location()).matches("jdbc:postgresql://[^?@]+:\\d+/[^?]+").doesNotContain("user=");
                assertThat(store.transitUri("uris", "train")).isEqualTo(store.location() + "?currentSchema="
                        + fixture.schemaPrefix() + "uris#train");
                assertThat(store.engineVersion()).matches("PostgreSQL \\d+(\\.\\d+)?");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void closingTheStoreClosesItsConnections(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("closing", null);
        Connection reader = dataset.openReadConnection();
        Connection generic = store.connect("closing");
        store.close();
        if (kind != BackendKind.POSTGRESQL) {
            assertThat(reader.isClosed()).isTrue();
            assertThat(generic.isClosed()).isTrue();
        }
        reader.close();
        generic.close();
        assertThatThrownBy(() -> store.open("closing")).isInstanceOf(MdmException.class);
        try (DatasetStore reopened = fixture.newStore(2)) {
            assertThat(reopened.exists("closing")).isTrue();
            assertThat(reopened.list()).extracting(s -> s.info().name()).containsExactly("closing");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void readersSeeCommittedDataOnly(BackendKind kind) throws Exception {
        DatasetStore store = open(kind);
        Dataset dataset = store.create("isolation", null);
        Backend backend = dataset.backend();
        List<ColumnDef> columns = List.of(new ColumnDef("x", ColumnType.INTEGER));
        dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(backend.createTableSql(dataset.schema(), "t", columns));
            }
            return null;
        });
        String count = "SELECT count(*) FROM " + backend.qualified(dataset.schema(), "t");
        try (Connection reader = dataset.openReadConnection()) {
            dataset.write(WriteMode.APPEND, c -> {
                try (RowSink sink = backend.openRowSink(c, dataset.schema(), "t", columns, 10)) {
                    sink.add(new Object[]{1L});
                    sink.finish();
                }
                // uncommitted: the reader, on its own connection, must not see it yet
                try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery(count)) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                return null;
            });
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}
