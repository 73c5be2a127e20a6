package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.RowSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Three stages over batches of rows: a reader thread parses and converts, an observer thread measures (statistics),
 * and the calling thread sends the rows to the engine, which also works on the calling thread's connection. Parsing,
 * measuring and loading overlap, so on two cores the slowest stage sets the pace instead of their sum. Memory stays
 * bounded: at most {@value #QUEUED_BATCHES} batches wait before each consumer.
 */
final class PipelinedLoader {

    private static final int QUEUED_BATCHES = 6;
    private static final long POLL_MILLIS = 50;
    private static final Object[][] END = new Object[0][];

    private PipelinedLoader() {
    }

    /** Rows read, converted and ready for the sink; called on the reader thread. */
    interface RowProducer {
        /** Returns the next typed row in sink column order, or null at the end. */
        Object[] next() throws IOException;
    }

    /**
     * Moves every row from the producer into the sink and finishes the sink. The first failure of any stage stops
     * all of them and is rethrown here ({@link MdmException}s as they are).
     *
     * @param observer called on the observer thread for every row, in order (statistics); may be null
     * @return rows loaded
     */
    static long load(RowProducer producer, RowSink sink, int batchSize, Consumer<Object[]> observer)
            throws SQLException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<Object[][]> toSink = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        BlockingQueue<Object[][]> toObserver = observer == null ? null : new ArrayBlockingQueue<>(QUEUED_BATCHES);

        Thread reader = Thread.ofPlatform().daemon().name("mdm-ingest-reader").start(() -> {
            try {
                List<Object[]> batch = new ArrayList<>(batchSize);
                Object[] row;
                while (failure.get() == null && (row = producer.next()) != null) {
                    batch.add(row);
                    if (batch.size() == batchSize) {
                        hand(batch.toArray(new Object[0][]), toSink, toObserver, failure);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    hand(batch.toArray(new Object[0][]), toSink, toObserver, failure);
                }
                hand(END, toSink, toObserver, failure);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        Thread measuring = observer == null ? null : Thread.ofPlatform().daemon().name("mdm-ingest-statistics")
                .start(() -> {
                    try {
                        Object[][] batch;
                        while ((batch = take(toObserver, failure)) != END && batch != null) {
                            for (Object[] row : batch) {
                                observer.accept(row);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });

        long rows = 0;
        try {
            Object[][] batch;
            while ((batch = take(toSink, failure)) != END && batch != null) {
                for (Object[] row : batch) {
                    sink.add(row);
                }
                rows += batch.length;
            }
            join(reader);
            join(measuring);
            rethrow(failure.get());
            sink.finish();
            return rows;
        } catch (SQLException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw e;
        } finally {
            join(reader);
            join(measuring);
        }
    }

    private static void hand(Object[][] batch, BlockingQueue<Object[][]> toSink, BlockingQueue<Object[][]> toObserver,
                             AtomicReference<Throwable> failure) throws InterruptedException {
        put(toSink, batch, failure);
        if (toObserver != null) {
            put(toObserver, batch, failure);
        }
    }

    private static void put(BlockingQueue<Object[][]> queue, Object[][] batch, AtomicReference<Throwable> failure)
            throws InterruptedException {
        while (failure.get() == null) {
            if (queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The next batch, or null once another stage failed. */
    private static Object[][] take(BlockingQueue<Object[][]> queue, AtomicReference<Throwable> failure) {
        try {
            while (failure.get() == null) {
                Object[][] batch = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    return batch;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new MdmException("Interrupted while loading rows", e));
            return null;
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) throws SQLException {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        throw new MdmException(String.valueOf(failure.getMessage()), failure);
    }
}
