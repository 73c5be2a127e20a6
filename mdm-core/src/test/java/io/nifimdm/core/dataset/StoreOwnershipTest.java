package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.BackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One owner per storage directory: a second store, a store of another class loader (another NAR version) or of
 * another process fails with a clear error instead of opening the same database files with a second engine copy.
 */
class StoreOwnershipTest {

    @TempDir
    Path temp;

    private static DatasetStore openStore(BackendKind kind, Path directory) {
        return kind == BackendKind.SQLITE ? DatasetStores.sqlite(directory, SqliteSettings.defaults(), 2)
                : DatasetStores.duckdb(directory, new DuckDbSettings("256MB", 1, null, null), 2);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SQLITE", "DUCKDB"})
    void secondStoreOnTheSameDirectoryFailsUntilTheFirstCloses(BackendKind kind) {
        Path directory = temp.resolve("shared");
        DatasetStore first = openStore(kind, directory);
        first.create("owned", null);

        assertThatThrownBy(() -> openStore(kind, directory)).isInstanceOf(StorageDirectoryInUseException.class)
                .hasMessageContaining("Storage directory " + directory.toAbsolutePath())
                .hasMessageContaining("is already in use by another MDM dataset store in this JVM");
        // the same directory reached through another spelling of its path is the same directory
        assertThatThrownBy(() -> openStore(kind, directory.resolve("..").resolve("shared")))
                .hasMessageContaining("already in use");
        BackendKind other = kind == BackendKind.SQLITE ? BackendKind.DUCKDB : BackendKind.SQLITE;
        assertThatThrownBy(() -> openStore(other, directory)).hasMessageContaining("already in use");
        assertThat(first.exists("owned")).isTrue();

        first.close();
        try (DatasetStore second = openStore(kind, directory)) {
            assertThat(second.list()).extracting(s -> s.info().name()).containsExactly("owned");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SQLITE", "DUCKDB"})
    void storeOfAnotherClassLoaderFailsOnAHeldDirectory(BackendKind kind) throws Exception {
        Path directory = temp.resolve("nar");
        try (URLClassLoader otherNar = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> otherStores = otherNar.loadClass(DatasetStores.class.getName());
            assertThat(otherStores).isNotSameAs(DatasetStores.class);

            DatasetStore mine = openStore(kind, directory);
            mine.create("held", null);
            assertThatThrownBy(() -> openReflectively(otherNar, kind, directory))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .satisfies(e -> assertThat(e.getClass().getName())
                            .isEqualTo(StorageDirectoryInUseException.class.getName()))
                    .satisfies(e -> assertThat(e.getClass()).isNotSameAs(StorageDirectoryInUseException.class))
                    .hasMessageContaining("is already in use by another MDM dataset store in this JVM");
            assertThat(mine.exists("held")).isTrue();
            mine.close();

            // released for every class loader once closed
            AutoCloseable theirs = (AutoCloseable) openReflectively(otherNar, kind, directory);
            assertThatThrownBy(() -> openStore(kind, directory)).hasMessageContaining("already in use");
            theirs.close();
        }
        try (DatasetStore again = openStore(kind, directory)) {
            assertThat(again.exists("held")).isTrue();
        }
    }

    @Test
    void storeOfAnotherProcessFailsEvenAfterASameJvmAttempt() throws Exception {
        Path directory = temp.resolve("process");
        try (DatasetStore mine = openStore(BackendKind.SQLITE, directory)) {
            mine.create("local", null);
            // a failed attempt in this JVM closes its own lock channel; that must not release the lock held here
            assertThatThrownBy(() -> openStore(BackendKind.SQLITE, directory)).hasMessageContaining("already in use");

            assertThat(probeFromAnotherProcess(directory))
                    .startsWith("FAILED " + StorageDirectoryInUseException.class.getName())
                    .contains("is already in use by another MDM dataset store in another process");
        }
        assertThat(probeFromAnotherProcess(directory)).startsWith("OPENED jdbc:sqlite:");
    }

    private static Object openReflectively(ClassLoader loader, BackendKind kind, Path directory) throws Exception {
        Class<?> stores = loader.loadClass(DatasetStores.class.getName());
        if (kind == BackendKind.SQLITE) {
            Class<?> settingsClass = loader.loadClass(SqliteSettings.class.getName());
            Object settings = settingsClass.getMethod("defaults").invoke(null);
            Method sqlite = stores.getMethod("sqlite", Path.class, settingsClass, int.class);
            return sqlite.invoke(null, directory, settings, 2);
        }
        Class<?> settingsClass = loader.loadClass(DuckDbSettings.class.getName());
        Object settings = settingsClass.getMethod("defaults").invoke(null);
        Method duckdb = stores.getMethod("duckdb", Path.class, settingsClass, int.class);
        return duckdb.invoke(null, directory, settings, 2);
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static URL[] testClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static String probeFromAnotherProcess(Path directory) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                LockProbeMain.class.getName(), directory.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith("OPENED") || l.startsWith("FAILED")).findFirst()
                .orElse(output);
    }

    @Test
    void lockFilesAreTheOnlyTraceOfAnEmptyStore() throws Exception {
        Path directory = temp.resolve("fresh");
        openStore(BackendKind.SQLITE, directory).close();
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(".mdm-store.jvm.lock", ".mdm-store.lock");
        }
    }
}
