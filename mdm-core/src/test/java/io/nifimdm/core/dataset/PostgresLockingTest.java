package io.nifimdm.core.dataset;

import io.nifimdm.core.testsupport.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's advisory locks: appends share the dataset, an exclusive write has it alone. */
class PostgresLockingTest {

    private String prefix;
    private DatasetStore store;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        PostgresTestSupport.assumeAvailable();
        prefix = PostgresTestSupport.randomSchemaPrefix();
        store = DatasetStores.postgres(PostgresTestSupport.settings(prefix, 4));
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        if (prefix != null) {
            PostgresTestSupport.dropSchemas(prefix);
        }
    }

    @Test
    void appendsRunTogether() throws Exception {
        Dataset dataset = store.create("shared", null);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<?> first = threads.submit(() -> dataset.write(WriteMode.APPEND, c -> {
            firstInside.countDown();
            releaseFirst.await();
            return null;
        }));
        firstInside.await();
        // completes while the first append still holds its (shared) lock; a guard, not a timing assertion
        threads.submit(() -> dataset.write(WriteMode.APPEND, c -> null)).get(60, TimeUnit.SECONDS);
        releaseFirst.countDown();
        first.get(60, TimeUnit.SECONDS);
    }

    @Test
    void appendWaitsForAnExclusiveWrite() throws Exception {
        Dataset dataset = store.create("exclusive", null);
        CountDownLatch exclusiveInside = new CountDownLatch(1);
        CountDownLatch releaseExclusive = new CountDownLatch(1);
        AtomicBoolean appendRan = new AtomicBoolean();
        Future<?> exclusive = threads.submit(() -> dataset.write(WriteMode.EXCLUSIVE, c -> {
            exclusiveInside.countDown();
            releaseExclusive.await();
            assertThat(appendRan).isFalse();
            return null;
        }));
        exclusiveInside.await();
        Future<?> append = threads.submit(() -> dataset.write(WriteMode.APPEND, c -> {
            appendRan.set(true);
            return null;
        }));
        awaitWaiterOnDatasetLock(prefix + "exclusive");
        assertThat(appendRan).isFalse();
        releaseExclusive.countDown();
        exclusive.get(60, TimeUnit.SECONDS);
        append.get(60, TimeUnit.SECONDS);
        assertThat(appendRan).isTrue();
    }

    /** Polls pg_locks until a session waits for the dataset's advisory lock (the append blocked by the writer). */
    private static void awaitWaiterOnDatasetLock(String schema) throws Exception {
        long key = PostgresDatasetStore.lockKey(schema);
        try (Connection connection = PostgresTestSupport.connect();
             PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype ="
                     + " 'advisory' AND NOT granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < giveUp) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        org.assertj.core.api.Assertions.fail("No session ever waited for the advisory lock of " + schema);
    }
}
