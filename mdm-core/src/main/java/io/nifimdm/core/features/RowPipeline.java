package io.nifimdm.core.features;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and computes feature rows on one thread while the caller's thread writes them, so the engine's bulk load and
 * the feature arithmetic overlap (two cores: close to the slower of the two instead of their sum). Rows travel in
 * blocks through a small bounded queue, which bounds memory to a few blocks.
 */
final class RowPipeline {

    private static final int BLOCK_ROWS = 2_048;
    private static final int QUEUE_BLOCKS = 4;
    private static final List<Object[]> END = new ArrayList<>();

    @FunctionalInterface
    interface RowWriter {
        void write(Object[] row) throws Exception;
    }

    private RowPipeline() {
    }

    /**
     * Streams {@code source}, computes each row's features, and writes source values, the picked features and the
     * 1-based ordinal through {@code writer}; returns the row count.
     */
    static long run(TableSource source, Connection read, FeatureComputer computer, int[] picks, int outputWidth,
                    RowWriter writer) throws Exception {
        BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        Throwable[] failure = new Throwable[1];
        int sourceWidth = source.columns().size();
        Thread producer = new Thread(() -> {
            Object[] features = new Object[computer.columns().size()];
            long[] ordinal = {0};
            List<Object[]>[] block = new List[] {new ArrayList<>(BLOCK_ROWS)};
            try {
                source.stream(read, row -> {
                    computer.compute(row, ordinal[0], features);
                    Object[] out = new Object[outputWidth];
                    System.arraycopy(row, 0, out, 0, sourceWidth);
                    for (int i = 0; i < picks.length; i++) {
                        out[sourceWidth + i] = features[picks[i]];
                    }
                    out[outputWidth - 1] = ++ordinal[0];
                    block[0].add(out);
                    if (block[0].size() == BLOCK_ROWS) {
                        put(queue, block[0]);
                        block[0] = new ArrayList<>(BLOCK_ROWS);
                    }
                });
                if (!block[0].isEmpty()) {
                    put(queue, block[0]);
                }
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                try {
                    put(queue, END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "mdm-features-reader");
        producer.setDaemon(true);
        producer.start();
        long rows = 0;
        try {
            while (true) {
                List<Object[]> block = queue.take();
                if (block == END) {
                    break;
                }
                for (Object[] row : block) {
                    writer.write(row);
                }
                rows += block.size();
            }
        } catch (Exception e) {
            producer.interrupt();
            drain(queue, producer);
            throw e;
        }
        producer.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return rows;
    }

    private static void put(BlockingQueue<List<Object[]>> queue, List<Object[]> block) throws InterruptedException {
        queue.put(block);
    }

    /** Lets a producer blocked on a full queue finish after the writer failed. */
    private static void drain(BlockingQueue<List<Object[]>> queue, Thread producer) throws InterruptedException {
        while (producer.isAlive()) {
            queue.poll(10, TimeUnit.MILLISECONDS);
        }
    }
}
