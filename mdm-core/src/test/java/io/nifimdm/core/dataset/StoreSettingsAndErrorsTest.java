package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine settings reach the engine; bad settings, directories and credentials fail clearly and leave nothing. */
class StoreSettingsAndErrorsTest {

    @TempDir
    Path temp;

    private static String value(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void duckDbSettingsAreAppliedAndExtensionsStayOff() throws Exception {
        Path tempDirectory = temp.resolve("spill");
        Path extensions = temp.resolve("ext");
        try (DatasetStore store = DatasetStores.duckdb(temp.resolve("duck"),
                new DuckDbSettings("300MB", 1, tempDirectory, extensions), 2)) {
            Dataset dataset = store.create("settings", null);
            for (Connection connection : new Connection[]{store.connect("settings"), dataset.openReadConnection()}) {
                try (connection) {
                    assertThat(value(connection, "SELECT current_setting('memory_limit')")).isEqualTo("286.1 MiB");
                    assertThat(value(connection, "SELECT current_setting('threads')")).isEqualTo("1");
                    assertThat(value(connection, "SELECT current_setting('autoinstall_known_extensions')"))
                            .isEqualTo("false");
                    assertThat(value(connection, "SELECT current_setting('autoload_known_extensions')"))
                            .isEqualTo("false");
                    assertThat(value(connection, "SELECT current_setting('temp_directory')"))
                            .isEqualTo(tempDirectory.toAbsolutePath().toString());
                    assertThat(value(connection, "SELECT current_setting('extension_directory')"))
                            .isEqualTo(extensions.toAbsolutePath().toString());
                }
            }
        }
    }

    @Test
    void duckDbDefaultsKeepSpillAndExtensionsInTheStorageDirectory() throws Exception {
        Path directory = temp.resolve("duck-defaults");
        try (DatasetStore store = DatasetStores.duckdb(directory, DuckDbSettings.defaults(), 2)) {
            store.create("d", null);
            try (Connection connection = store.connect("d")) {
                Path real = directory.toRealPath();
                assertThat(value(connection, "SELECT current_setting('temp_directory')"))
                        .isEqualTo(real.resolve(".duckdb_tmp").toString());
                assertThat(value(connection, "SELECT current_setting('extension_directory')"))
                        .isEqualTo(real.resolve(".duckdb_extensions").toString());
                assertThat(value(connection, "SELECT current_setting('memory_limit')")).isEqualTo("2.0 GiB");
            }
        }
    }

    @Test
    void sqlitePragmasApplyToEveryConnection() throws Exception {
        try (DatasetStore store = DatasetStores.sqlite(temp.resolve("lite"),
                new SqliteSettings("wal", "normal", 4096, 1_048_576, 1234), 2)) {
            Dataset dataset = store.create("pragmas", null);
            for (Connection connection : new Connection[]{store.connect("pragmas"), dataset.openReadConnection()}) {
                try (connection) {
                    assertThat(value(connection, "PRAGMA journal_mode")).isEqualTo("wal");
                    assertThat(value(connection, "PRAGMA synchronous")).isEqualTo("1");
                    assertThat(value(connection, "PRAGMA cache_size")).isEqualTo("-4096");
                    assertThat(value(connection, "PRAGMA mmap_size")).isEqualTo("1048576");
                    assertThat(value(connection, "PRAGMA busy_timeout")).isEqualTo("1234");
                }
            }
        }
    }

    @Test
    void badEmbeddedSettingsAreRefusedBeforeAnythingIsCreated() {
        Path directory = temp.resolve("never");
        assertThatThrownBy(() -> DatasetStores.sqlite(directory, new SqliteSettings("OFF", "NORMAL", 1, 0, 1), 1))
                .isInstanceOf(MdmException.class).hasMessageContaining("journal mode OFF is refused");
        assertThatThrownBy(() -> DatasetStores.sqlite(directory, new SqliteSettings("WAL; DROP", "NORMAL", 1, 0, 1), 1))
                .hasMessageContaining("Invalid SQLite journal mode");
        assertThatThrownBy(() -> DatasetStores.sqlite(directory, new SqliteSettings("WAL", "SOMETIMES", 1, 0, 1), 1))
                .hasMessageContaining("Invalid SQLite synchronous mode 'SOMETIMES'");
        assertThatThrownBy(() -> DatasetStores.sqlite(directory, SqliteSettings.defaults(), 0))
                .hasMessageContaining("Max connections must be at least 1");
        assertThatThrownBy(() -> DatasetStores.duckdb(directory, new DuckDbSettings("lots", 1, null, null), 1))
                .hasMessageContaining("Invalid DuckDB memory limit 'lots'");
        assertThatThrownBy(() -> DatasetStores.duckdb(directory, new DuckDbSettings("1GB", 0, null, null), 1))
                .hasMessageContaining("DuckDB threads must be at least 1");
        assertThat(directory).doesNotExist();
    }

    @Test
    void storageDirectoryThatCannotBeCreatedFailsClearly() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> DatasetStores.sqlite(file.resolve("store"), SqliteSettings.defaults(), 1))
                .isInstanceOf(MdmException.class)
                .hasMessageContaining("Storage directory " + file.resolve("store"))
                .hasMessageContaining("cannot be created");
        assertThatThrownBy(() -> DatasetStores.duckdb(file, DuckDbSettings.defaults(), 1))
                .isInstanceOf(MdmException.class).hasMessageContaining("is not a directory");
        assertThat(file.resolve("store")).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void readOnlyStorageDirectoryFailsClearlyAndStaysEmpty() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root writes through directory permissions, so a read-only directory cannot be simulated");
        Path directory = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> DatasetStores.sqlite(directory, SqliteSettings.defaults(), 1))
                    .isInstanceOf(MdmException.class).hasMessageContaining("is not writable");
            try (var files = Files.list(directory)) {
                assertThat(files).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void postgresRefusingTheLoginIsAClearNonTransientError() throws Exception {
        PostgresTestSupport.assumeAvailable();
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        PostgresSettings good = PostgresTestSupport.settings(prefix);
        PostgresSettings nobody = new PostgresSettings(good.jdbcUrl(), "no_such_role_" + prefix, "s3cret-pw",
                prefix, "disable", 2, Duration.ofSeconds(5), Duration.ZERO);
        assertThatThrownBy(() -> DatasetStores.postgres(nobody))
                .isInstanceOf(MdmException.class)
                .isNotInstanceOf(TransientStoreException.class)
                .hasMessageContaining("refused the login of user 'no_such_role_" + prefix + "'")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(PostgresTestSupport.schemasWithPrefix(prefix)).isEmpty();
    }

    @Test
    void postgresServerDownIsTransient() {
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        PostgresSettings down = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/test", "postgres", "s3cret-pw",
                prefix, "disable", 2, Duration.ofSeconds(2), Duration.ZERO);
        assertThatThrownBy(() -> DatasetStores.postgres(down))
                .isInstanceOf(TransientStoreException.class)
                .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:1/test is not reachable")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void badPostgresSettingsAreRefused() {
        PostgresSettings base = PostgresTestSupport.settings("mdm_");
        assertThatThrownBy(() -> DatasetStores.postgres(new PostgresSettings(base.jdbcUrl(), "u", "p", "Bad-Prefix",
                "disable", 1, null, null))).isInstanceOf(MdmException.class)
                .hasMessageContaining("Invalid schema prefix 'Bad-Prefix'");
        assertThatThrownBy(() -> DatasetStores.postgres(new PostgresSettings("jdbc:mysql://h/db", "u", "p", "mdm_",
                "disable", 1, null, null))).hasMessageContaining("Invalid PostgreSQL URL");
        assertThatThrownBy(() -> DatasetStores.postgres(new PostgresSettings(base.jdbcUrl(), "u", "p", "mdm_",
                "sometimes", 1, null, null))).hasMessageContaining("Invalid SSL mode 'sometimes'");
    }

    @Test
    void optionsInThePostgresUrlAreKeptBesideTheStoresOwn() throws Exception {
        PostgresTestSupport.assumeAvailable();
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        PostgresSettings base = PostgresTestSupport.settings(prefix, 1);
        String url = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?")
                + "options=-c%20work_mem%3D5MB%20-c%20synchronize_seqscans%3Don";
        try (DatasetStore store = DatasetStores.postgres(new PostgresSettings(url, base.user(), base.password(),
                base.schemaPrefix(), base.sslMode(), base.maxConnections(), base.connectTimeout(),
                base.statementTimeout()))) {
            store.create("opts", null);
            try (Connection connection = store.connect("opts")) {
                assertThat(value(connection, "SHOW work_mem")).isEqualTo("5MB");
                // the store's own settings come after the user's, so the ones it needs hold
                assertThat(value(connection, "SHOW synchronize_seqscans")).isEqualTo("off");
                assertThat(value(connection, "SHOW statement_timeout")).isEqualTo("2min");
            }
        } finally {
            PostgresTestSupport.dropSchemas(prefix);
        }
    }

    @Test
    void urlQueryParametersAreReadAndRemovedByName() {
        String url = "jdbc:postgresql://h:5432/db?user=u&options=-c%20a%3D1&ssl=false";
        assertThat(PostgresDatasetStore.queryParameter(url, "options")).isEqualTo("-c a=1");
        assertThat(PostgresDatasetStore.queryParameter(url, "password")).isNull();
        assertThat(PostgresDatasetStore.withoutQueryParameter(url, "options"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&ssl=false");
        assertThat(PostgresDatasetStore.withoutQueryParameter("jdbc:postgresql://h/db?options=x", "options"))
                .isEqualTo("jdbc:postgresql://h/db");
        // the driver takes the last of a repeated parameter
        assertThat(PostgresDatasetStore.queryParameter("jdbc:postgresql://h/db?options=A&options=B", "options"))
                .isEqualTo("B");
        assertThat(PostgresDatasetStore.withoutQueryParameter("jdbc:postgresql://h/db?options=A&x=1&options=B",
                "options")).isEqualTo("jdbc:postgresql://h/db?x=1");
        assertThatThrownBy(() -> PostgresDatasetStore.queryParameter("jdbc:postgresql://h/db?options=%zz",
                "options")).isInstanceOf(MdmException.class).hasMessageContaining("not URL-encoded")
                .hasMessageNotContaining("%zz");
    }

    @Test
    void postgresConnectionsCarryTheTimeoutsAndTheDatasetSchema() throws Exception {
        PostgresTestSupport.assumeAvailable();
        String prefix = PostgresTestSupport.randomSchemaPrefix();
        try (DatasetStore store = DatasetStores.postgres(PostgresTestSupport.settings(prefix, 1))) {
            store.create("first", null);
            store.create("second", null);
            try (Connection connection = store.connect("first")) {
                assertThat(value(connection, "SHOW statement_timeout")).isEqualTo("2min");
                assertThat(value(connection, "SHOW application_name")).isEqualTo("nifi-mdm");
                // natural order stays the physical order, whatever scanned the table before
                assertThat(value(connection, "SHOW synchronize_seqscans")).isEqualTo("off");
                assertThat(value(connection, "SELECT current_schema()")).isEqualTo(prefix + "first");
                assertThat(value(connection, "SELECT count(*) FROM _mdm_dataset")).isEqualTo("1");
            }
            // one pooled connection, reused: the next borrower works in its own dataset, not the previous one's
            try (Connection connection = store.connect("second")) {
                assertThat(value(connection, "SELECT current_schema()")).isEqualTo(prefix + "second");
                assertThat(value(connection, "SELECT name FROM _mdm_dataset")).isEqualTo("second");
            }
            assertThat(store.list()).hasSize(2);
            assertThat(store.exists("first")).isTrue();
        } finally {
            PostgresTestSupport.dropSchemas(prefix);
        }
    }
}
