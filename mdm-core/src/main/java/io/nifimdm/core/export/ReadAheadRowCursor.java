package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads another cursor's rows on a second thread, in batches of {@link #BATCH_ROWS} rows handed over through a short
 * queue, so the engine's driver (JNI calls, text decoding, boxing) and the file format's encoding run on two cores at
 * once: an export spends about half its time on each side. Memory stays bounded by the queue: at most
 * {@code (QUEUE_BATCHES + 2) * BATCH_ROWS} rows are held.
 *
 * <p>Only the reading thread touches the source until it has ended; {@link #close()} stops it, waits for it and then
 * closes the source on the caller's thread. An engine error reaches the caller from {@link #next()}, as it would
 * from the source.
 */
final class ReadAheadRowCursor implements RowCursor {

    static final int BATCH_ROWS = 1024;
    private static final int QUEUE_BATCHES = 4;

    /** A batch of rows, values row after row; {@code rows < BATCH_ROWS} or an error ends the stream. */
    private record Batch(Object[] values, int rows, Throwable error) {
    }

    private final RowCursor source;
    private final int width;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread reader;
    private volatile boolean stopped;

    private Batch current;
    private int row = -1;
    private boolean ended;
    private boolean closed;

    ReadAheadRowCursor(RowCursor source) {
        this.source = source;
        this.width = source.columns().size();
        this.reader = Thread.ofPlatform().name("mdm-export-read-ahead").daemon().unstarted(this::read);
        reader.start();
    }

    private void read() {
        try {
            while (!stopped) {
                Object[] values = new Object[BATCH_ROWS * width];
                int rows = 0;
                while (rows < BATCH_ROWS && !stopped && source.next()) {
                    int base = rows * width;
                    for (int i = 0; i < width; i++) {
                        values[base + i] = source.value(i);
                    }
                    rows++;
                }
                queue.put(new Batch(values, rows, null));
                if (rows < BATCH_ROWS) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                queue.put(new Batch(null, 0, e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public List<ResultColumn> columns() {
        return source.columns();
    }

    @Override
    public boolean next() {
        if (ended) {
            return false;
        }
        if (current != null && row + 1 < current.rows()) {
            row++;
            return true;
        }
        if (current != null && current.rows() < BATCH_ROWS) {
            ended = true;
            return false;
        }
        try {
            current = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MdmException("Interrupted while reading rows", e);
        }
        if (current.error() != null) {
            ended = true;
            switch (current.error()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new MdmException("Reading rows failed: " + current.error().getMessage(),
                        current.error());
            }
        }
        row = 0;
        if (current.rows() == 0) {
            ended = true;
            return false;
        }
        return true;
    }

    @Override
    public Object value(int index) {
        return current.values()[row * width + index];
    }

    @Override
    public String sql() {
        return source.sql();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        boolean interrupted = false;
        // the reader may be blocked on a full queue: keep taking until it has finished its current batch and ended
        while (reader.isAlive()) {
            try {
                queue.poll(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            source.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
