package io.nifimdm.core.register;

import io.nifimdm.core.ingest.CharsetMismatchException;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.ingest.InvalidInputException;
import io.nifimdm.core.ingest.ReadOptions;
import io.nifimdm.core.ingest.TabularReader;
import io.nifimdm.core.ingest.TabularReaders;
import io.nifimdm.core.ingest.UnexpectedColumnException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Raw content (a FlowFile's, a file's) read by mdm-core's own fast readers. */
public final class ContentInput implements TableInput {

    /** Opens the content from its start; called once per read. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }

    private final StreamOpener opener;
    private final ReadOptions options;

    private ContentInput(StreamOpener opener, ReadOptions options) {
        this.opener = opener;
        this.options = options;
    }

    public static ContentInput of(StreamOpener opener, InputFormat format) {
        return new ContentInput(opener, ReadOptions.defaults().withFormat(format));
    }

    public static ContentInput of(StreamOpener opener, ReadOptions options) {
        return new ContentInput(opener, options);
    }

    @Override
    public TableInput adjustedFor(InvalidInputException retryable) {
        if (retryable instanceof CharsetMismatchException charset) {
            return new ContentInput(opener, options.withCharset(charset.retryCharset()));
        }
        if (retryable instanceof UnexpectedColumnException late) {
            List<String> extra = new ArrayList<>(options.extraColumns());
            extra.add(late.column());
            return new ContentInput(opener, options.withExtraColumns(extra));
        }
        throw retryable;
    }

    @Override
    public TableReader open() throws IOException {
        InputStream stream = opener.open();
        TabularReader reader;
        try {
            reader = TabularReaders.open(stream, options);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new TableReader() {
            @Override
            public List<String> columnNames() {
                return reader.columnNames();
            }

            @Override
            public Object[] next() {
                return reader.next();
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }
}
