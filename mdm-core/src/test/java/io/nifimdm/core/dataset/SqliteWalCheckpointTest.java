package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.testsupport.StoreFixture;
import io.nifimdm.core.testsupport.TypedRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite stores checkpoint the write-ahead log after the commit instead of inside it: a large load must still be
 * visible at once to a new reader, and be in the database file alone once the store is closed.
 */
class SqliteWalCheckpointTest {

    @TempDir
    Path temp;

    @Test
    void largeLoadIsVisibleAtOnceAndInTheFileAfterClose() throws Exception {
        int rows = 60_000;
        Path directory;
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, temp)) {
            directory = fixture.directory();
            Dataset dataset = fixture.store().create("wal", null);
            load(dataset, "first", rows);
            assertThat(count(dataset, "first")).isEqualTo(rows);
            // a second large write while the first one's log may still be being checkpointed
            load(dataset, "second", rows);
            assertThat(count(dataset, "first")).isEqualTo(rows);
            assertThat(count(dataset, "second")).isEqualTo(rows);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-wal")).toList()) {
                assertThat(Files.size(file)).as("log left behind by a closed store: %s", file).isZero();
            }
        }
        try (StoreFixture reopened = StoreFixture.open(BackendKind.SQLITE, temp)) {
            Dataset dataset = reopened.store().open("wal");
            assertThat(count(dataset, "first")).isEqualTo(rows);
            assertThat(count(dataset, "second")).isEqualTo(rows);
        }
    }

    /**
     * Connections limit the log file's size: without it the file would keep the size of the largest load after every
     * checkpoint, and its size is what decides whether a background checkpoint is due. (When the file shrinks depends
     * on the background checkpoint's timing, so the setting is what is checked.)
     */
    @Test
    void connectionsLimitTheLogFileSize() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, temp)) {
            Dataset dataset = fixture.store().create("walsize", null);
            load(dataset, "small", 10);
            try (Connection c = dataset.openReadConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA journal_size_limit")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(4L << 20);
            }
        }
    }

    private static void load(Dataset dataset, String table, int rows) {
        Backend backend = dataset.backend();
        dataset.write(WriteMode.EXCLUSIVE, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(backend.createTableSql(dataset.schema(), table, TypedRows.COLUMNS));
            }
            try (RowSink sink = backend.openRowSink(c, dataset.schema(), table, TypedRows.COLUMNS, 10_000)) {
                for (long i = 0; i < rows; i++) {
                    sink.add(TypedRows.row(i));
                }
                sink.finish();
                return sink.rowCount();
            }
        });
    }

    private static long count(Dataset dataset, String table) throws Exception {
        try (Connection c = dataset.openReadConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dataset.backend().qualified(null, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
