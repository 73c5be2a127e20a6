package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.Backends;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.SemanticType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parallel pass over a real table: results in the source's order, per-worker state, failures surface. */
class RowPipelineTest {

    private static final int ROWS = 10_007;

    @TempDir
    Path dir;

    private final Backend backend = Backends.of(BackendKind.SQLITE);
    private Connection connection;
    private TableSource source;

    @BeforeEach
    void createTable() throws Exception {
        connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.sqlite"), new Properties());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (n INTEGER, x REAL)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setLong(1, i);
                insert.setDouble(2, i * 0.5);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        List<ColumnInfo> columns = List.of(
                new ColumnInfo("t", "n", 0, ColumnType.INTEGER, SemanticType.NUMERIC, ColumnRole.FEATURE),
                new ColumnInfo("t", "x", 1, ColumnType.DECIMAL, SemanticType.NUMERIC, ColumnRole.FEATURE));
        source = new TableSource(connection, backend, null, "t", columns, List.of());
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void rowsArriveInTheSourceOrderWithTheirOrdinalsAndEachTransformStaysOnOneThread() throws Exception {
        Set<String> sharedTransforms = ConcurrentHashMap.newKeySet();
        List<Object[]> written = new ArrayList<>();
        long rows = RowPipeline.run(source, connection, () -> {
            Thread[] owner = {null};
            return (row, ordinal) -> {
                if (owner[0] == null) {
                    owner[0] = Thread.currentThread();
                } else if (owner[0] != Thread.currentThread()) {
                    sharedTransforms.add(owner[0].getName() + " and " + Thread.currentThread().getName());
                }
                return new Object[] {row[0], row[1], ordinal};
            };
        }, written::add);
        assertThat(rows).isEqualTo(ROWS);
        assertThat(written).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(written.get(i)).containsExactly((long) i, i * 0.5, (long) i);
        }
        assertThat(sharedTransforms).isEmpty();
    }

    @Test
    void theSourceRowIsTheWorkersOwnCopy() throws Exception {
        List<Object[]> written = new ArrayList<>();
        RowPipeline.run(source, connection, () -> (row, ordinal) -> row, written::add);
        assertThat(written).hasSize(ROWS);
        assertThat(written.get(0)).containsExactly(0L, 0.0);
        assertThat(written.get(ROWS - 1)).containsExactly((long) ROWS - 1, (ROWS - 1) * 0.5);
    }

    @Test
    void aWorkersFailureSurfacesAsThrown() {
        assertThatThrownBy(() -> RowPipeline.run(source, connection, () -> (row, ordinal) -> {
            if (ordinal == 5_000) {
                throw new IllegalStateException("row 5000 is bad");
            }
            return row;
        }, row -> { })).isInstanceOf(IllegalStateException.class).hasMessage("row 5000 is bad");
    }

    @Test
    void aWritersFailureStopsTheReaderAndSurfaces() {
        long[] written = {0};
        assertThatThrownBy(() -> RowPipeline.run(source, connection, () -> (row, ordinal) -> row, row -> {
            if (++written[0] == 3) {
                throw new java.sql.SQLException("disk full");
            }
        })).isInstanceOf(java.sql.SQLException.class).hasMessage("disk full");
        assertThat(written[0]).isEqualTo(3);
    }

    @Test
    void aReadersFailureSurfaces() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE t");
        }
        assertThatThrownBy(() -> RowPipeline.run(source, connection, () -> (row, ordinal) -> row, row -> { }))
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("no such table");
    }
}
