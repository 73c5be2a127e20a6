package io.nifimdm.core.features;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs independent read queries of the fit on several connections at once: the engines sort one {@code GROUP BY} per
 * column, each on one core, so a second connection keeps the second core busy. The calling thread works through the
 * queries on its own connection from the start; each helper thread first opens a connection of its own and then takes
 * queries from the same list. A helper that cannot get a connection (a pool at its limit) leaves the work to the
 * others, and the call returns as soon as every query is done, without waiting for helpers still waiting on the pool.
 */
final class ParallelQueries {

    /** Opens another read connection of the fit table's dataset. */
    @FunctionalInterface
    interface ReadConnections {
        Connection open() throws SQLException;
    }

    /** One query on a connection the runner chooses. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws Exception;
    }

    private final Connection connection;
    private final ReadConnections more;
    private final int helpers;

    /**
     * @param more    source of the helpers' connections; null to run everything on {@code connection}
     * @param helpers threads besides the caller's
     */
    ParallelQueries(Connection connection, ReadConnections more, int helpers) {
        this.connection = connection;
        this.more = more;
        this.helpers = more == null ? 0 : helpers;
    }

    /** The results of the queries, in their order; the first failure is thrown once every started query ended. */
    <T> List<T> runAll(List<Query<T>> queries) throws Exception {
        List<T> results = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            results.add(null);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(queries.size());
        for (int h = 0; h < Math.min(helpers, queries.size() - 1); h++) {
            Thread helper = new Thread(() -> {
                try (Connection own = more.open()) {
                    work(own, queries, results, next, failure, done);
                } catch (SQLException | RuntimeException e) {
                    // no connection for this helper: the others do its share
                }
            }, "feature-fit-query-" + h);
            helper.setDaemon(true);
            helper.start();
        }
        work(connection, queries, results, next, failure, done);
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return results;
    }

    private static <T> void work(Connection connection, List<Query<T>> queries, List<T> results, AtomicInteger next,
                                 AtomicReference<Exception> failure, CountDownLatch done) {
        for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
            try {
                if (failure.get() == null) {
                    T result = queries.get(i).run(connection);
                    synchronized (results) {
                        results.set(i, result);
                    }
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            } finally {
                done.countDown();
            }
        }
    }
}
