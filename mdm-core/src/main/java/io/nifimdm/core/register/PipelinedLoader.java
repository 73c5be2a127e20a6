package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.RowSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads, converts and measures rows on one thread while the calling thread sends them to the engine, so parsing
 * overlaps the database's own work (on two cores that hides most of the parse). Memory stays bounded: at most
 * {@value #QUEUED_BATCHES} batches wait between the two.
 */
final class PipelinedLoader {

    private static final int QUEUED_BATCHES = 4;
    private static final Object[][] END = new Object[0][];

    private PipelinedLoader() {
    }

    /** Rows read, converted and ready for the sink; supplied by the producer thread. */
    interface RowProducer {
        /** Returns the next typed row in sink column order, or null at the end. */
        Object[] next() throws IOException;
    }

    /**
     * Moves every row from the producer into the sink and finishes the sink. Any failure of either side stops both
     * and is rethrown here: {@link MdmException}s as they are.
     *
     * @param onRow called on the producer thread for each row (statistics), may be null
     * @return rows loaded
     */
    static long load(RowProducer producer, RowSink sink, int batchSize, Consumer<Object[]> onRow)
            throws SQLException {
        BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicBoolean cancelled = new AtomicBoolean();
        Throwable[] producerFailure = new Throwable[1];
        Thread reader = Thread.ofPlatform().daemon().name("mdm-ingest-reader").unstarted(() -> {
            try {
                List<Object[]> batch = new ArrayList<>(batchSize);
                Object[] row;
                while (!cancelled.get() && (row = producer.next()) != null) {
                    if (onRow != null) {
                        onRow.accept(row);
                    }
                    batch.add(row);
                    if (batch.size() == batchSize) {
                        queue.put(batch.toArray(new Object[0][]));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    queue.put(batch.toArray(new Object[0][]));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                producerFailure[0] = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        long rows = 0;
        boolean completed = false;
        try {
            while (true) {
                Object[][] batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (Object[] row : batch) {
                    sink.add(row);
                }
                rows += batch.length;
            }
            reader.join();
            rethrow(producerFailure[0]);
            sink.finish();
            completed = true;
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MdmException("Interrupted while loading rows", e);
        } finally {
            if (!completed) {
                cancelled.set(true);
                reader.interrupt();
                queue.clear();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
        throw new MdmException(failure.getMessage(), failure);
    }

    /** A producer over rows already in memory followed by the rest of a source. */
    static RowProducer concat(Iterator<Object[]> first, RowProducer rest) {
        return () -> first.hasNext() ? first.next() : rest.next();
    }
}
