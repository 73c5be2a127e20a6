package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.PropertyDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static io.nifimdm.nifi.services.ServiceTests.invalidExplanations;
import static io.nifimdm.nifi.services.ServiceTests.singleString;
import static org.assertj.core.api.Assertions.assertThat;

class DuckDBDatasetStoreTest extends AbstractEmbeddedStoreTest {

    @Override
    AbstractMdmDatasetStore newService() {
        return new DuckDBDatasetStore();
    }

    @Override
    PropertyDescriptor storageDirectoryProperty() {
        return DuckDBDatasetStore.STORAGE_DIRECTORY;
    }

    @Override
    String fileExtension() {
        return "duckdb";
    }

    @Override
    String engineVersionPrefix() {
        return "DuckDB";
    }

    @Test
    void showsOnlyDuckDbProperties() {
        assertThat(ServiceTests.propertyNames(service)).containsExactly("Storage Directory", "Max Connections",
                "Memory Limit", "Threads", "Temporary Directory", "Extension Directory");
        assertThat(service.getBackendKind()).isEqualTo(BackendKind.DUCKDB);
        assertThat(DuckDBDatasetStore.MEMORY_LIMIT.getDefaultValue()).isEqualTo("2 GB");
        assertThat(DuckDBDatasetStore.THREADS.getDefaultValue()).isEqualTo("2");
    }

    @Test
    void memoryLimitIsPassedInBinaryUnitsAsNiFiMeansThem() {
        assertThat(DuckDBDatasetStore.duckDbMemoryLimit(1024)).isEqualTo("1024MiB");
        assertThat(DuckDBDatasetStore.duckDbMemoryLimit(512.7)).isEqualTo("512MiB");
    }

    @Test
    void tinyMemoryLimitZeroThreadsAndUnusableTempDirectoryAreInvalid() throws IOException {
        Path file = Files.writeString(tempDir.resolve("blocker"), "x");
        runner.setProperty(service, DuckDBDatasetStore.MEMORY_LIMIT, "1 MB");
        runner.setProperty(service, DuckDBDatasetStore.THREADS, "0");
        runner.setProperty(service, DuckDBDatasetStore.TEMPORARY_DIRECTORY, file.resolve("tmp").toString());
        runner.assertNotValid(service);
        assertThat(invalidExplanations(runner, service)).contains("Memory Limit").contains("Threads")
                .contains("Temporary Directory").contains("cannot be created because '" + file + "' is a file");
    }

    @Test
    void engineSettingsReachTheDatabase() throws Exception {
        Path spill = tempDir.resolve("spill");
        Path extensions = tempDir.resolve("extensions");
        runner.setProperty(service, DuckDBDatasetStore.MEMORY_LIMIT, "256 MB");
        runner.setProperty(service, DuckDBDatasetStore.THREADS, "1");
        runner.setProperty(service, DuckDBDatasetStore.TEMPORARY_DIRECTORY, spill.toString());
        runner.setProperty(service, DuckDBDatasetStore.EXTENSION_DIRECTORY, extensions.toString());
        runner.assertValid(service);
        runner.enableControllerService(service);
        service.getDatasetStore().create("settings", null);

        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "settings"))) {
            assertThat(singleString(connection, "SELECT current_setting('memory_limit')")).isEqualTo("256.0 MiB");
            assertThat(singleString(connection, "SELECT current_setting('threads')")).isEqualTo("1");
            assertThat(singleString(connection, "SELECT current_setting('temp_directory')")).isEqualTo(spill.toString());
            assertThat(singleString(connection, "SELECT current_setting('extension_directory')"))
                    .isEqualTo(extensions.toString());
            assertThat(singleString(connection, "SELECT current_setting('autoinstall_known_extensions')"))
                    .isEqualTo("false");
            assertThat(singleString(connection, "SELECT current_setting('autoload_known_extensions')"))
                    .isEqualTo("false");
        }
    }
}
