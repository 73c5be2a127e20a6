package io.nifimdm.core.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Detects the encoding of text content from its first bytes. Java has no chardet, so this is the principled
 * subset of MDM's cascade (spec 2.5) that can be decided exactly:
 * <ol>
 * <li>a byte-order mark: UTF-8, UTF-16 LE, UTF-16 BE (the mark is skipped);</li>
 * <li>UTF-16 without a mark, recognised by the zero high bytes of ASCII text at odd or even positions;</li>
 * <li>the head is strictly valid UTF-8 (pure ASCII included): UTF-8;</li>
 * <li>otherwise windows-1252 (a superset of Latin-1's printable range that also has {@code €}, curly quotes
 * and dashes), or ISO-8859-1 when the head holds one of the five bytes windows-1252 leaves undefined.</li>
 * </ol>
 * Never silently lossy: when UTF-8 was only guessed from the head and a later byte is not UTF-8, reading stops
 * with {@link CharsetMismatchException} so the caller can reload as windows-1252; with a byte-order mark or
 * an explicit charset, undecodable bytes become U+FFFD (MDM's replacement).
 */
final class TextEncodings {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A detected charset and the length of the byte-order mark to skip. */
    record Detected(Charset charset, int bomLength) {
    }

    private TextEncodings() {
    }

    /**
     * @param head      the first bytes of the content
     * @param truncated whether content continues after {@code head} (a multi-byte sequence may be cut)
     */
    static Detected detect(byte[] head, int length, boolean truncated) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        Charset utf16 = utf16WithoutBom(head, length);
        if (utf16 != null) {
            return new Detected(utf16, 0);
        }
        if (isValidUtf8(head, length, truncated)) {
            return new Detected(StandardCharsets.UTF_8, 0);
        }
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
                return new Detected(StandardCharsets.ISO_8859_1, 0);
            }
        }
        return new Detected(WINDOWS_1252, 0);
    }

    /** Text in UTF-16 is mostly ASCII in tables: one byte of each pair is zero, always at the same parity. */
    private static Charset utf16WithoutBom(byte[] head, int length) {
        int pairs = Math.min(length, 4096) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < pairs; i++) {
            if (head[2 * i] == 0) {
                zeroEven++;
            }
            if (head[2 * i + 1] == 0) {
                zeroOdd++;
            }
        }
        if (zeroOdd * 10 >= pairs * 7 && zeroEven * 20 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven * 10 >= pairs * 7 && zeroOdd * 20 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isValidUtf8(byte[] b, int length, boolean truncated) {
        int i = 0;
        while (i < length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= length) {
                // the sequence runs past the head: fine only if the head was cut there
                if (!truncated) {
                    return false;
                }
                for (int k = i + 1; k < length; k++) {
                    if ((b[k] & 0xC0) != 0x80) {
                        return false;
                    }
                }
                return true;
            }
            int cp = c & (0xFF >> (need + 2));
            for (int k = 1; k <= need; k++) {
                int cont = b[i + k] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cont & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
