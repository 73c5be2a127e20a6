package io.nifimdm.core.features;

import java.sql.Connection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Streams a table through the feature arithmetic on every core: one thread reads the source in blocks of rows, worker
 * threads transform whole blocks, and the caller's thread takes the results in the source's order (the engine's bulk
 * load, or the signal filter, whose running sums depend on the order). The reading, the arithmetic and the caller's
 * work overlap; a bounded queue of blocks bounds memory to a few blocks whatever the table's size.
 */
final class RowPipeline {

    private static final int BLOCK_ROWS = 1_024;
    /**
     * A core is left to the reader, the caller's thread and the engine (a bulk load or a server sending rows): on two
     * cores a second worker measured no faster and on SQLite, whose inserts run on the caller's thread, slower.
     */
    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
    private static final int QUEUE_BLOCKS = 2 * WORKERS + 2;
    private static final Future<Object[][]> END = CompletableFuture.completedFuture(null);

    /** Turns one source row into the row handed on in order; one instance per worker thread, so it may keep state. */
    @FunctionalInterface
    interface RowTransform {
        /**
         * @param sourceRow the source row (the worker's own copy)
         * @param ordinal   the row's 0-based position in the source's order
         */
        Object[] apply(Object[] sourceRow, long ordinal);
    }

    @FunctionalInterface
    interface RowWriter {
        void write(Object[] row) throws Exception;
    }

    private RowPipeline() {
    }

    /**
     * Streams {@code source}, transforms each row with a worker's transform from {@code transforms}, and hands the
     * results to {@code writer} in the source's order on the calling thread; returns the row count.
     */
    static long run(TableSource source, Connection read, Supplier<RowTransform> transforms, RowWriter writer)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "mdm-features-worker");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<RowTransform> transform = ThreadLocal.withInitial(transforms);
        BlockingQueue<Future<Object[][]>> ordered = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        Throwable[] failure = new Throwable[1];
        Thread reader = new Thread(() -> {
            Object[][][] block = {new Object[BLOCK_ROWS][]};
            int[] size = {0};
            long[] first = {0};
            try {
                source.stream(read, row -> {
                    block[0][size[0]++] = row.clone();
                    if (size[0] == BLOCK_ROWS) {
                        ordered.put(submit(workers, transform, block[0], size[0], first[0]));
                        first[0] += size[0];
                        block[0] = new Object[BLOCK_ROWS][];
                        size[0] = 0;
                    }
                });
                if (size[0] > 0) {
                    ordered.put(submit(workers, transform, block[0], size[0], first[0]));
                }
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                try {
                    ordered.put(END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "mdm-features-reader");
        reader.setDaemon(true);
        reader.start();
        long rows = 0;
        try {
            while (true) {
                Future<Object[][]> next = ordered.take();
                if (next == END) {
                    break;
                }
                Object[][] block = results(next);
                for (Object[] row : block) {
                    writer.write(row);
                }
                rows += block.length;
            }
        } catch (Exception | Error e) {
            reader.interrupt();
            drain(ordered, reader);
            throw e;
        } finally {
            workers.shutdownNow();
        }
        reader.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return rows;
    }

    private static Future<Object[][]> submit(ExecutorService workers, ThreadLocal<RowTransform> transform,
                                             Object[][] block, int size, long first) {
        return workers.submit(() -> {
            RowTransform rowTransform = transform.get();
            Object[][] out = new Object[size][];
            for (int i = 0; i < size; i++) {
                out[i] = rowTransform.apply(block[i], first + i);
            }
            return out;
        });
    }

    /** A block's rows, or the worker's failure as it was thrown. */
    private static Object[][] results(Future<Object[][]> block) throws Exception {
        try {
            return block.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Lets a reader blocked on a full queue finish after the writer failed. */
    private static void drain(BlockingQueue<Future<Object[][]>> queue, Thread reader) throws InterruptedException {
        while (reader.isAlive()) {
            queue.poll(10, TimeUnit.MILLISECONDS);
        }
    }
}
