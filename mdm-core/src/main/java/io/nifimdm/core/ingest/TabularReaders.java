package io.nifimdm.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Opens tabular content from a stream, detecting what the options leave open. Detection looks at the bytes,
 * never at a file name, in this order:
 * <ol>
 * <li>compression by magic bytes: gzip, zip (see {@link ContentSource});</li>
 * <li>Parquet by its {@code PAR1} magic;</li>
 * <li>text encoding (see {@link TextEncodings});</li>
 * <li>format: first non-blank character {@code [} is a JSON array, {@code {} JSON Lines, anything else delimited
 * text whose delimiter is sniffed (see {@link DelimiterSniffer}); tab makes it TSV.</li>
 * </ol>
 * Only the first 64 KiB are looked at; the content is then read in one pass, so any size streams in bounded
 * memory.
 */
public final class TabularReaders {

    private TabularReaders() {
    }

    /**
     * Opens the content. The reader owns the stream from now on and closes it.
     *
     * @throws InvalidInputException the content is empty, header-only, malformed, or of an unsupported kind
     */
    public static TabularReader open(InputStream content, ReadOptions options) {
        ContentSource source = new ContentSource(content);
        try {
            return open(source, options);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static TabularReader open(ContentSource source, ReadOptions options) {
        byte[] head = source.head();
        int headLength = source.headLength();
        if (headLength == 0) {
            throw new InvalidInputException("The content is empty (0 bytes"
                    + (source.compression() == Compression.NONE ? "" : " after " + source.compression().id()
                    + " decompression") + ")");
        }
        InputFormat format = options.format();
        boolean parquetMagic = ContentSource.startsWith(head, 'P', 'A', 'R', '1');
        if (format == InputFormat.PARQUET || (format == InputFormat.AUTO && parquetMagic)) {
            if (!parquetMagic) {
                throw new InvalidInputException("The content is not Parquet (it does not start with PAR1)");
            }
            return new ParquetTabularReader(source, options, new ContentDescription(InputFormat.PARQUET,
                    source.compression(), source.zipEntry(), null, null));
        }
        TextEncodings.Detected detected = TextEncodings.detect(head, headLength, source.headTruncated());
        Charset charset = options.charset() != null ? options.charset() : detected.charset();
        int bom = detected.charset().equals(charset) ? detected.bomLength() : 0;
        if (isSingleByte(charset)) {
            for (int i = 0; i < headLength; i++) {
                if (head[i] == 0) {
                    throw new InvalidInputException("The content is binary (it holds NUL bytes), not CSV, TSV or"
                            + " JSON text");
                }
            }
        }
        String headText = new String(head, bom, headLength - bom, charset);
        int firstChar = 0;
        while (firstChar < headText.length() && Character.isWhitespace(headText.charAt(firstChar))) {
            firstChar++;
        }
        if (firstChar == headText.length() && !source.headTruncated()) {
            throw new InvalidInputException("The content has no rows: it holds only blank lines");
        }
        if (format == InputFormat.AUTO) {
            char c = firstChar < headText.length() ? headText.charAt(firstChar) : ',';
            format = c == '[' ? InputFormat.JSON : c == '{' ? InputFormat.JSON_LINES : InputFormat.CSV;
        }
        boolean strict = options.charset() == null && bom == 0 && charset.equals(StandardCharsets.UTF_8);
        Reader text = textReader(source, bom, charset, strict);
        Compression compression = source.compression();
        String entry = source.zipEntry();
        return switch (format) {
            case JSON, JSON_LINES -> new JsonTabularReader(source, text, format == InputFormat.JSON, options,
                    new ContentDescription(format, compression, entry, charset, null));
            default -> {
                char delimiter;
                if (format == InputFormat.TSV) {
                    delimiter = '\t';
                } else if (options.delimiter() != null) {
                    delimiter = options.delimiter();
                } else {
                    delimiter = DelimiterSniffer.sniff(headText, source.headTruncated());
                }
                InputFormat textFormat = delimiter == '\t' ? InputFormat.TSV : InputFormat.CSV;
                yield new CsvTabularReader(source, text, delimiter, options,
                        new ContentDescription(textFormat, compression, entry, charset, delimiter));
            }
        };
    }

    private static boolean isSingleByte(Charset charset) {
        return !charset.name().startsWith("UTF-16") && !charset.name().startsWith("UTF-32");
    }

    private static Reader textReader(ContentSource source, int bom, Charset charset, boolean strict) {
        InputStream in = source.stream();
        try {
            in.skipNBytes(bom);
        } catch (IOException e) {
            throw ContentSource.translate(e);
        }
        if (strict) {
            // UTF-8 guessed from the head only: a later non-UTF-8 byte asks for a retry rather than losing text
            return new StrictDecodingReader(in, charset, TextEncodings.WINDOWS_1252);
        }
        // a declared encoding (BOM or option): malformed bytes become U+FFFD, never fatal (spec 2.5)
        return new InputStreamReader(in, charset);
    }
}
