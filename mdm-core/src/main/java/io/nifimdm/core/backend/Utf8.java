package io.nifimdm.core.backend;

/** UTF-8 without a CharsetEncoder: byte lengths, and the bytes of one non-ASCII character for the COPY sinks. */
final class Utf8 {

    private Utf8() {
    }

    static int length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code s} holds a valid surrogate pair at {@code i}, which encodes as one 4-byte character. */
    static boolean isSurrogatePair(CharSequence s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /**
     * Writes the UTF-8 bytes of the non-ASCII character at {@code i} (with its low surrogate when
     * {@link #isSurrogatePair} holds; a lone surrogate becomes {@code ?}) into {@code out} from {@code at}, which has
     * room for 4 bytes; returns the position after them.
     */
    static int putNonAscii(CharSequence s, int i, byte[] out, int at) {
        char c = s.charAt(i);
        int p = at;
        if (c < 0x800) {
            out[p++] = (byte) (0xC0 | (c >> 6));
            out[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (isSurrogatePair(s, i)) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            out[p++] = (byte) (0xF0 | (cp >> 18));
            out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[p++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
            out[p++] = '?';
        } else {
            out[p++] = (byte) (0xE0 | (c >> 12));
            out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[p++] = (byte) (0x80 | (c & 0x3F));
        }
        return p;
    }
}
