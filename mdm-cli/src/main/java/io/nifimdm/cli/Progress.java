package io.nifimdm.cli;

import io.nifimdm.core.register.TableInput;
import io.nifimdm.core.register.TableReader;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress display on stderr, redrawn a few times a second while a file loads: bytes read of the file
 * (so a percentage), rows and rows per second. Drawn only when a person watches ({@link CliIo#interactive()}), so
 * logs and pipes never see carriage returns.
 */
final class Progress implements AutoCloseable {

    private static final long REDRAW_MILLIS = 250;

    private final PrintStream err;
    private final String label;
    private final long totalBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile long totalRows;
    private final Thread painter;
    private volatile boolean done;

    private Progress(PrintStream err, String label, long totalBytes, boolean enabled) {
        this.err = err;
        this.label = label;
        this.totalBytes = totalBytes;
        if (enabled) {
            painter = Thread.ofPlatform().daemon().name("mdm-progress").start(this::paint);
        } else {
            painter = null;
        }
    }

    static Progress start(CliIo io, String label, long totalBytes) {
        return new Progress(io.err(), label, totalBytes, io.interactive());
    }

    /** A display for work measured in rows rather than bytes of a file (feature generation). */
    static Progress startRows(CliIo io, String label) {
        return new Progress(io.err(), label, 0, io.interactive());
    }

    /** Rows done of the work's {@code total} (the percentage then counts rows). */
    void rows(long done, long total) {
        rows.set(done);
        totalRows = total;
    }

    /** The input, counting what the registrar reads. Each read from the start counts afresh. */
    TableInput count(TableInput input) {
        return () -> {
            rows.set(0);
            TableReader reader = input.open();
            return new TableReader() {
                @Override
                public List<String> columnNames() {
                    return reader.columnNames();
                }

                @Override
                public Object[] next() throws IOException {
                    Object[] row = reader.next();
                    if (row != null) {
                        rows.incrementAndGet();
                    }
                    return row;
                }

                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
        };
    }

    /** The stream, counting its bytes. */
    InputStream count(InputStream stream) {
        bytes.set(0);
        return new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes.addAndGet(n);
                }
                return n;
            }
        };
    }

    private void paint() {
        while (!done) {
            draw();
            try {
                Thread.sleep(REDRAW_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void draw() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long read = bytes.get();
        long rowCount = rows.get();
        int width = 24;
        long rowTotal = totalRows;
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) read / totalBytes)
                : rowTotal > 0 ? Math.min(1.0, (double) rowCount / rowTotal) : 0;
        int filled = (int) Math.round(fraction * width);
        String bar = "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
        String line = String.format(java.util.Locale.ROOT, "%s %s %3d%%  %s rows  %s rows/s", label, bar,
                Math.round(fraction * 100), Numbers.count(rowCount), Numbers.count(Math.round(rowCount / seconds)));
        if (totalBytes > 0 || read > 0) {
            line += "  " + Numbers.bytes(Math.round(read / seconds)) + "/s";
        }
        synchronized (err) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
        }
    }

    @Override
    public void close() {
        done = true;
        if (painter != null) {
            painter.interrupt();
            try {
                painter.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // a last frame, so even a load shorter than one redraw shows what it did before the line is cleared
            draw();
            synchronized (err) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
