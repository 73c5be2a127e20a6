package io.nifimdm.core.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The content as plain bytes: compression removed by magic bytes (never by file name), with a peekable head.
 * gzip (also multi-member) and zip are read; bzip2, xz, zstd, 7z and legacy Excel are recognised and refused
 * with a clear message. A zip must hold exactly one data entry: directories and macOS metadata
 * ({@code __MACOSX/}, {@code ._*}, {@code .DS_Store}) are skipped; a second data entry is reported when the
 * first one has been read to its end, so nothing is silently ignored (split archives with UnpackContent).
 */
final class ContentSource implements AutoCloseable {

    static final int HEAD_SIZE = 64 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream original;
    private final BufferedInputStream stream;
    private final Compression compression;
    private final ZipInputStream zip;
    private final String zipEntry;
    private final byte[] head;
    private final int headLength;
    private boolean checkedFullyRead;

    ContentSource(InputStream content) {
        this.original = content;
        try {
            BufferedInputStream buffered = new BufferedInputStream(content, BUFFER);
            byte[] magic = peek(buffered, 8);
            refuseUnsupported(magic);
            if (startsWith(magic, 0x1F, 0x8B)) {
                compression = Compression.GZIP;
                zip = null;
                zipEntry = null;
                stream = new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
            } else if (startsWith(magic, 'P', 'K', 0x03, 0x04)) {
                compression = Compression.ZIP;
                zip = new ZipInputStream(buffered);
                zipEntry = nextDataEntry(zip);
                if (zipEntry == null) {
                    throw new InvalidInputException("The zip archive holds no data file");
                }
                if (zipEntry.equals("[Content_Types].xml")) {
                    throw new InvalidInputException("The content is an Office document (xlsx), not CSV or JSON;"
                            + " configure a Record Reader that reads Excel");
                }
                stream = new BufferedInputStream(zip, BUFFER);
            } else if (startsWith(magic, 'P', 'K', 0x05, 0x06)) {
                throw new InvalidInputException("The zip archive is empty");
            } else {
                compression = Compression.NONE;
                zip = null;
                zipEntry = null;
                stream = buffered;
            }
            stream.mark(HEAD_SIZE + 1);
            byte[] bytes = stream.readNBytes(HEAD_SIZE + 1);
            stream.reset();
            headLength = Math.min(bytes.length, HEAD_SIZE);
            head = bytes;
            if (compression == Compression.GZIP) {
                refuseUnsupported(java.util.Arrays.copyOf(bytes, Math.min(8, bytes.length)));
            }
        } catch (IOException e) {
            close();
            throw translate(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] bytes = in.readNBytes(n);
        in.reset();
        return bytes;
    }

    private static void refuseUnsupported(byte[] magic) {
        String kind = null;
        if (startsWith(magic, 'B', 'Z', 'h')) {
            kind = "bzip2";
        } else if (startsWith(magic, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            kind = "xz";
        } else if (startsWith(magic, 0x28, 0xB5, 0x2F, 0xFD)) {
            kind = "zstd";
        } else if (startsWith(magic, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            kind = "7z";
        } else if (startsWith(magic, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new InvalidInputException("The content is a legacy Office document (xls), not CSV or JSON;"
                    + " configure a Record Reader that reads Excel");
        }
        if (kind != null) {
            throw new InvalidInputException("The content is " + kind + "-compressed, which is not supported;"
                    + " use gzip or zip (or decompress it first with CompressContent)");
        }
    }

    static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String nextDataEntry(ZipInputStream zip) throws IOException {
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            String name = entry.getName();
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (entry.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith("._")
                    || base.equals(".DS_Store")) {
                continue;
            }
            return name;
        }
        return null;
    }

    /** The decompressed bytes; starts at the beginning (the head is not consumed). */
    InputStream stream() {
        return stream;
    }

    byte[] head() {
        return head;
    }

    int headLength() {
        return headLength;
    }

    /** Whether content continues after the head. */
    boolean headTruncated() {
        return head.length > HEAD_SIZE;
    }

    Compression compression() {
        return compression;
    }

    String zipEntry() {
        return zipEntry;
    }

    /** Called at the end of the data: a zip with a second data entry is refused rather than half read. */
    void checkFullyRead() {
        if (zip == null || checkedFullyRead) {
            return;
        }
        checkedFullyRead = true;
        try {
            String second = nextDataEntry(zip);
            if (second != null) {
                throw new InvalidInputException("The zip archive holds more than one data file ('" + zipEntry
                        + "', '" + second + "'); send one file per FlowFile (UnpackContent splits archives)");
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Damaged compressed data or undecodable bytes are bad input; other I/O failures are not. */
    static RuntimeException translate(Throwable e) {
        if (e instanceof ZipException || e instanceof EOFException || e instanceof CharacterCodingException) {
            return new InvalidInputException("The content is damaged or truncated: " + e.getMessage(), e);
        }
        if (e instanceof IOException io) {
            String message = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("corrupt") || message.contains("unexpected end")) {
                return new InvalidInputException("The content is damaged or truncated: " + io.getMessage(), io);
            }
            return new UncheckedIOException(io);
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }

    @Override
    public void close() {
        try {
            original.close();
        } catch (IOException e) {
            // nothing to recover when closing an input
        }
    }
}
