package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.PropertyDescriptor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static io.nifimdm.nifi.services.ServiceTests.invalidExplanations;
import static io.nifimdm.nifi.services.ServiceTests.singleString;
import static org.assertj.core.api.Assertions.assertThat;

class SQLiteDatasetStoreTest extends AbstractEmbeddedStoreTest {

    @Override
    AbstractMdmDatasetStore newService() {
        return new SQLiteDatasetStore();
    }

    @Override
    PropertyDescriptor storageDirectoryProperty() {
        return SQLiteDatasetStore.STORAGE_DIRECTORY;
    }

    @Override
    String fileExtension() {
        return "sqlite";
    }

    @Override
    String engineVersionPrefix() {
        return "SQLite";
    }

    @Test
    void showsOnlySqliteProperties() {
        assertThat(ServiceTests.propertyNames(service)).containsExactly("Storage Directory", "Max Connections",
                "Journal Mode", "Synchronous", "Cache Size", "Memory-Mapped I/O Size", "Busy Timeout");
        assertThat(service.getBackendKind()).isEqualTo(BackendKind.SQLITE);
        assertThat(SQLiteDatasetStore.STORAGE_DIRECTORY.getDefaultValue()).isEqualTo("./mdm-datasets");
    }

    @Test
    void journalModeOffAndMalformedSizesAreInvalid() {
        runner.setProperty(service, SQLiteDatasetStore.JOURNAL_MODE, "OFF");
        runner.setProperty(service, SQLiteDatasetStore.CACHE_SIZE, "lots");
        runner.setProperty(service, SQLiteDatasetStore.BUSY_TIMEOUT, "soon");
        runner.setProperty(service, SQLiteDatasetStore.MAX_CONNECTIONS, "0");
        runner.assertNotValid(service);
        assertThat(invalidExplanations(runner, service)).contains("Journal Mode").contains("Cache Size")
                .contains("Busy Timeout").contains("Max Connections");
    }

    @Test
    void configuredPragmasReachTheDatasetConnections() throws Exception {
        runner.setProperty(service, SQLiteDatasetStore.JOURNAL_MODE, SqliteJournalMode.TRUNCATE);
        runner.setProperty(service, SQLiteDatasetStore.SYNCHRONOUS, SqliteSynchronous.FULL);
        runner.setProperty(service, SQLiteDatasetStore.CACHE_SIZE, "8 MB");
        runner.setProperty(service, SQLiteDatasetStore.MMAP_SIZE, "0 B");
        runner.setProperty(service, SQLiteDatasetStore.BUSY_TIMEOUT, "7 sec");
        runner.assertValid(service);
        runner.enableControllerService(service);
        service.getDatasetStore().create("pragmas", null);

        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "pragmas"))) {
            assertThat(singleString(connection, "PRAGMA journal_mode")).isEqualToIgnoringCase("truncate");
            assertThat(singleString(connection, "PRAGMA synchronous")).isEqualTo("2");
            assertThat(singleString(connection, "PRAGMA cache_size")).isEqualTo("-8192");
            assertThat(singleString(connection, "PRAGMA mmap_size")).isEqualTo("0");
            assertThat(singleString(connection, "PRAGMA busy_timeout")).isEqualTo("7000");
        }
    }

    @Test
    void defaultPragmasAreWalAndNormal() throws Exception {
        runner.enableControllerService(service);
        service.getDatasetStore().create("defaults", null);
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "defaults"))) {
            assertThat(singleString(connection, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(singleString(connection, "PRAGMA synchronous")).isEqualTo("1");
            assertThat(singleString(connection, "PRAGMA cache_size")).isEqualTo("-2048");
        }
    }
}
