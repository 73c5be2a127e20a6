package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetRegistrarTest {

    @TempDir
    Path directory;

    private static RegistrationRequest create(String dataset, String table) {
        return RegistrationRequest.of(dataset, table, RegistrationMode.CREATE);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void roundTripKeepsEveryValueAndType(BackendKind kind) throws Exception {
        String csv = "id,\"first name\",select,\"weird \"\"col\"\"\",price,joined,seen_at,flag\n"
                + "1,Ann,a,x,0.1,2024-01-31,2024-01-31 10:15:00,true\n"
                + "2,,\"b,c\",\"\",1.2345678901234567,2023-12-01,2023-12-01 00:00:01,false\n"
                + "3,Zoë 東京 😀,\"line1\nline2\",y,-3.5e-300,2020-02-29,2020-02-29 23:59:59,\n";
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            RegistrationResult result = DatasetRegistrar.standard(fixture.store()).register(create("Round-Trip", "data"),
                    Csv.of(csv));

            assertThat(result.dataset()).isEqualTo("round_trip");
            assertThat(result.rowsAdded()).isEqualTo(3);
            assertThat(result.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.INTEGER,
                    ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.DATE,
                    ColumnType.TIMESTAMP, ColumnType.BOOLEAN);
            List<Object[]> rows = readAll(fixture.store().open("round_trip"), "data", result.columns(), "id");
            assertThat(rows.get(0)).containsExactly(1L, "Ann", "a", "x", 0.1, LocalDate.of(2024, 1, 31),
                    LocalDateTime.of(2024, 1, 31, 10, 15), true);
            assertThat(rows.get(1)).containsExactly(2L, null, "b,c", "", 1.2345678901234567,
                    LocalDate.of(2023, 12, 1), LocalDateTime.of(2023, 12, 1, 0, 0, 1), false);
            assertThat(rows.get(2)).containsExactly(3L, "Zoë 東京 😀", "line1\nline2", "y", -3.5e-300,
                    LocalDate.of(2020, 2, 29), LocalDateTime.of(2020, 2, 29, 23, 59, 59), null);
            assertThat(result.transitUri()).contains("round_trip").doesNotContain("password");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void kaggleFilesInAnyOrderGiveTargetIdsAndProblemType(BackendKind kind) throws Exception {
        StringBuilder train = new StringBuilder("id,feature1,feature2,target\n");
        StringBuilder test = new StringBuilder("id,feature1,feature2\n");
        for (int i = 0; i < 100; i++) {
            train.append(i).append(',').append(i * 0.5).append(',').append(i % 7).append(',').append(i % 3).append('\n');
        }
        for (int i = 100; i < 150; i++) {
            test.append(i).append(',').append(i * 0.5).append(',').append(i % 7).append('\n');
        }
        String submission = "id,target\n100,0\n101,0\n";
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            // The submission arrives first: the target is known before any table holds its values.
            RegistrationResult first = registrar.register(create("kaggle", "sample_submission"), Csv.of(submission));
            assertThat(first.targetColumn()).isEqualTo("target");
            assertThat(first.problemType()).isNull();
            registrar.register(create("kaggle", "test"), Csv.of(test.toString()));
            RegistrationResult last = registrar.register(create("kaggle", "train"), Csv.of(train.toString()));

            assertThat(last.targetColumn()).isEqualTo("target");
            assertThat(last.idColumns()).containsExactly("id");
            assertThat(last.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
            Dataset dataset = fixture.store().open("kaggle");
            try (Connection connection = dataset.openReadConnection()) {
                DatasetInfo info = dataset.metadata().readInfo(connection);
                assertThat(info.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
                assertThat(dataset.metadata().tables(connection)).extracting(TableInfo::name)
                        .containsExactlyInAnyOrder("sample_submission", "test", "train");
                List<ColumnInfo> trainColumns = dataset.metadata().columns(connection, "train");
                assertThat(trainColumns).extracting(ColumnInfo::role).containsExactly(ColumnRole.ID,
                        ColumnRole.FEATURE, ColumnRole.FEATURE, ColumnRole.TARGET);
                assertThat(trainColumns.get(1).semanticType()).isEqualTo(SemanticType.NUMERIC);
                // The submission registered first learnt about its roles when train arrived.
                assertThat(dataset.metadata().columns(connection, "sample_submission")).extracting(ColumnInfo::role)
                        .containsExactly(ColumnRole.ID, ColumnRole.TARGET);
                Map<String, String> statistics = dataset.metadata().statistics(connection, "train");
                assertThat(statistics).containsKeys("", "id", "feature1", "target");
                assertThat(statistics.get("")).contains("100");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aLateValueWidensTheColumnInsteadOfBeingLost(BackendKind kind) throws Exception {
        StringBuilder csv = new StringBuilder("id,amount,code\n");
        for (int i = 1; i <= 20_000; i++) {
            String amount = i == 15_000 ? "12.75" : Integer.toString(i);
            String code = i == 18_000 ? "n/a" : Integer.toString(i % 10);
            csv.append(i).append(',').append(amount).append(',').append(code).append('\n');
        }
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            RegistrationResult result = DatasetRegistrar.standard(fixture.store()).register(create("wide", "data"),
                    Csv.of(csv.toString()));

            assertThat(result.rowsAdded()).isEqualTo(20_000);
            assertThat(result.widenedColumns()).containsExactlyInAnyOrder("amount", "code");
            assertThat(result.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.INTEGER,
                    ColumnType.DECIMAL, ColumnType.TEXT);
            List<Object[]> rows = readAll(fixture.store().open("wide"), "data", result.columns(), "id");
            assertThat(rows).hasSize(20_000);
            assertThat(rows.get(14_999)[1]).isEqualTo(12.75);
            assertThat(rows.get(17_999)[2]).isEqualTo("n/a");
            assertThat(rows.get(0)[1]).isEqualTo(1.0);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aReplayedInputIsNotLoadedTwice(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            RegistrationRequest request = RegistrationRequest.of("once", "data", RegistrationMode.APPEND)
                    .withIngestId("flowfile-1");
            RegistrationResult first = registrar.register(request, Csv.of("a,b\n1,2\n3,4\n"));
            RegistrationResult replay = registrar.register(request, Csv.of("a,b\n1,2\n3,4\n"));

            assertThat(first.duplicate()).isFalse();
            assertThat(replay.duplicate()).isTrue();
            assertThat(replay.rowsAdded()).isZero();
            assertThat(replay.tableRowCount()).isEqualTo(2);
            assertThat(count(fixture.store().open("once"), "data")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void appendWidensTypesFillsMissingColumnsAndRefusesUnknownOnes(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            RegistrationRequest append = RegistrationRequest.of("grow", "events", RegistrationMode.APPEND);
            registrar.register(append, Csv.of("n,label\n1,a\n2,b\n"));
            RegistrationResult widened = registrar.register(append, Csv.of("n\n2.5\n"));

            assertThat(widened.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.DECIMAL,
                    ColumnType.TEXT);
            assertThat(widened.tableRowCount()).isEqualTo(3);
            List<Object[]> rows = readAll(fixture.store().open("grow"), "events", widened.columns(), "n");
            assertThat(rows).extracting(r -> r[0]).containsExactly(1.0, 2.0, 2.5);
            assertThat(rows.get(2)[1]).isNull();

            assertThatThrownBy(() -> registrar.register(append, Csv.of("n,surprise\n1,2\n")))
                    .isInstanceOf(MdmException.class).hasMessageContaining("surprise");
            assertThat(count(fixture.store().open("grow"), "events")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void badInputFailsClearlyAndLeavesTheDatasetAsItWas(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            registrar.register(create("keep", "train"), Csv.of("x,y\n1,2\n"));
            StringBuilder ragged = new StringBuilder("x,y\n");
            for (int i = 0; i < 12_000; i++) {
                ragged.append(i).append(',').append(i).append('\n');
            }
            ragged.append("1,2,3\n");
            RegistrationRequest replace = RegistrationRequest.of("keep", "train", RegistrationMode.REPLACE);

            assertThatThrownBy(() -> registrar.register(replace, Csv.of(ragged.toString())))
                    .isInstanceOf(MdmException.class).hasMessageContaining("12002");
            assertThatThrownBy(() -> registrar.register(replace, Csv.of("")))
                    .isInstanceOf(MdmException.class);
            assertThatThrownBy(() -> registrar.register(replace, Csv.of("x,y\n")))
                    .isInstanceOf(MdmException.class);
            assertThatThrownBy(() -> registrar.register(create("keep", "train"), Csv.of("x,y\n5,6\n")))
                    .isInstanceOf(MdmException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> registrar.register(create("bad name!", "train"), Csv.of("x\n1\n")))
                    .isInstanceOf(MdmException.class).hasMessageContaining("alphanumeric");
            assertThatThrownBy(() -> registrar.register(create("keep", "_mdm_tables"), Csv.of("x\n1\n")))
                    .isInstanceOf(MdmException.class).hasMessageContaining("reserved");

            Dataset dataset = fixture.store().open("keep");
            assertThat(count(dataset, "train")).isEqualTo(1);
            try (Connection connection = dataset.openReadConnection()) {
                assertThat(dataset.metadata().tables(connection)).extracting(TableInfo::name).containsExactly("train");
            }
            assertThat(fixture.store().list()).extracting(summary -> summary.info().name()).containsExactly("keep");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void replaceIsAtomicForConcurrentReaders(BackendKind kind) throws Exception {
        String small = rows(1_000);
        String large = rows(2_000);
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            registrar.register(create("swap", "train"), Csv.of(small));
            Dataset dataset = fixture.store().open("swap");
            AtomicBoolean done = new AtomicBoolean();
            List<Long> seen = new ArrayList<>();
            ExecutorService reader = Executors.newSingleThreadExecutor();
            Future<?> reading = reader.submit(() -> {
                while (!done.get()) {
                    long rows = count(dataset, "train");
                    synchronized (seen) {
                        seen.add(rows);
                    }
                }
                return null;
            });
            RegistrationRequest replace = RegistrationRequest.of("swap", "train", RegistrationMode.REPLACE);
            for (int i = 0; i < 6; i++) {
                registrar.register(replace, Csv.of(i % 2 == 0 ? large : small));
            }
            done.set(true);
            reading.get();
            reader.shutdown();

            assertThat(seen).isNotEmpty().allMatch(n -> n == 1_000 || n == 2_000);
            assertThat(count(dataset, "train")).isEqualTo(1_000);
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void concurrentAppendsKeepEveryRowAndAnExactCount(BackendKind kind) throws Exception {
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            registrar.register(RegistrationRequest.of("busy", "events", RegistrationMode.APPEND), Csv.of(rows(10)));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<RegistrationResult>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RegistrationRequest request = RegistrationRequest.of("busy", "events", RegistrationMode.APPEND)
                        .withIngestId("ff-" + t);
                futures.add(pool.submit(() -> registrar.register(request, Csv.of(rows(500)))));
            }
            for (Future<RegistrationResult> future : futures) {
                assertThat(future.get().rowsAdded()).isEqualTo(500);
            }
            pool.shutdown();
            Dataset dataset = fixture.store().open("busy");
            assertThat(count(dataset, "events")).isEqualTo(4_010);
            try (Connection connection = dataset.openReadConnection()) {
                assertThat(dataset.metadata().table(connection, "events")).get().extracting(TableInfo::rowCount)
                        .isEqualTo(4_010L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void windows1252ContentAndUserChoicesAreHonoured(BackendKind kind) throws Exception {
        byte[] latin = "name;price;zip\nCaf\u00e9;3.5;01234\nCr\u00e8me;4.25;02000\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            RegistrationRequest request = new RegistrationRequest("shop", "data", RegistrationMode.CREATE, "price",
                    List.of("name"), ProblemType.REGRESSION, Map.of("zip", SemanticType.CATEGORICAL), "prices",
                    List.of("retail", "eu"), null, 100);
            RegistrationResult result = DatasetRegistrar.standard(fixture.store()).register(request, Csv.bytes(latin));

            assertThat(result.idColumns()).containsExactly("name");
            assertThat(result.targetColumn()).isEqualTo("price");
            assertThat(result.problemType()).isEqualTo(ProblemType.REGRESSION);
            Dataset dataset = fixture.store().open("shop");
            List<Object[]> rows = readAll(dataset, "data", result.columns(), "name");
            assertThat(rows.get(0)[0]).isEqualTo("Caf\u00e9");
            assertThat(rows.get(0)[2]).isEqualTo("01234");
            try (Connection connection = dataset.openReadConnection()) {
                DatasetInfo info = dataset.metadata().readInfo(connection);
                assertThat(info.description()).isEqualTo("prices");
                assertThat(info.tags()).containsExactly("retail", "eu");
                assertThat(dataset.metadata().columns(connection, "data")).extracting(ColumnInfo::semanticType)
                        .containsExactly(SemanticType.ID, SemanticType.TARGET, SemanticType.CATEGORICAL);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void contentThatChangesItsMindLateIsReadAgainCorrectly(BackendKind kind) throws Exception {
        // Plain ASCII for far more than the sniffed head, then one windows-1252 byte: not UTF-8 after all.
        StringBuilder text = new StringBuilder("id,city\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",Paris\n");
        }
        text.append("20000,Besan\u00e7on\n");
        byte[] latin = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        // JSON Lines whose last record brings a key no earlier record had.
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            json.append("{\"id\":").append(i).append("}\n");
        }
        json.append("{\"id\":12000,\"late\":\"x\"}\n");
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            DatasetRegistrar registrar = DatasetRegistrar.standard(fixture.store());
            RegistrationResult cities = registrar.register(create("late", "cities"), Csv.bytes(latin));
            RegistrationResult keys = registrar.register(create("late", "keys"), Csv.of(json.toString()));

            assertThat(cities.rowsAdded()).isEqualTo(20_001);
            List<Object[]> rows = readAll(fixture.store().open("late"), "cities", cities.columns(), "id");
            assertThat(rows.get(20_000)[1]).isEqualTo("Besan\u00e7on");
            assertThat(keys.columns()).extracting(ColumnDef::name).containsExactly("id", "late");
            List<Object[]> keyRows = readAll(fixture.store().open("late"), "keys", keys.columns(), "id");
            assertThat(keyRows.get(12_000)[1]).isEqualTo("x");
            assertThat(keyRows.get(0)[1]).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void veryWideInputRegistersEveryColumn(BackendKind kind) throws Exception {
        int columns = 1_000;
        StringBuilder csv = new StringBuilder("id");
        for (int c = 1; c < columns; c++) {
            csv.append(",\"col ").append(c).append('"');
        }
        csv.append('\n');
        for (int r = 0; r < 300; r++) {
            csv.append(r);
            for (int c = 1; c < columns; c++) {
                csv.append(',').append((r * 31 + c) % 97 == 0 ? "" : Integer.toString(r + c));
            }
            csv.append('\n');
        }
        try (StoreFixture fixture = StoreFixture.open(kind, directory, 12)) {
            RegistrationResult result = DatasetRegistrar.standard(fixture.store()).register(create("wide_table", "data"),
                    Csv.of(csv.toString()));

            assertThat(result.columns()).hasSize(columns);
            assertThat(result.rowsAdded()).isEqualTo(300);
            List<Object[]> rows = readAll(fixture.store().open("wide_table"), "data", result.columns(), "id");
            assertThat(rows.get(299)[999]).isEqualTo(299L + 999L);
            assertThat(rows.get(0)[97]).isNull();
            assertThat(rows.get(0)[96]).isEqualTo(96L);
        }
    }

    private static String rows(int count) {
        Random random = new Random(count);
        StringBuilder csv = new StringBuilder("id,value,label\n");
        for (int i = 0; i < count; i++) {
            csv.append(i).append(',').append(random.nextDouble()).append(',').append("l").append(random.nextInt(5))
                    .append('\n');
        }
        return csv.toString();
    }

    static long count(Dataset dataset, String table) throws SQLException {
        try (Connection connection = dataset.openReadConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM "
                     + dataset.backend().qualified(dataset.schema(), table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static List<Object[]> readAll(Dataset dataset, String table, List<ColumnDef> columns, String orderBy)
            throws SQLException {
        List<Object[]> result = new ArrayList<>();
        try (Connection connection = dataset.openReadConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM "
                     + dataset.backend().qualified(dataset.schema(), table) + " ORDER BY "
                     + dataset.backend().quote(orderBy))) {
            while (rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = dataset.backend().readValue(rows.getObject(i + 1), columns.get(i).type());
                }
                result.add(row);
            }
        }
        return result;
    }
}
