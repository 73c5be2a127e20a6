package io.nifimdm.core.stats;

/**
 * 64-bit hashing for distinct counting and duplicate-row detection. Quality matters more than
 * speed here only up to a point: every value of every row goes through these, so they are plain
 * multiply-xorshift mixes rather than a cryptographic hash. Collisions between two different
 * values happen with probability about 2^-64 per pair.
 */
final class Hashing {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long STRING_MULTIPLIER = 0x100000001B3L;

    private Hashing() {
    }

    /** The MurmurHash3 64-bit finalizer: a bijection that spreads every input bit over the output. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e53b3a1f9L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * A 64-bit hash of the characters of a string. Four independent polynomial lanes (characters
     * i, i+1, i+2, i+3) keep four multiplies in flight instead of one chain; the lanes are then
     * rotated apart, folded with the length and mixed, so every character affects every bit.
     *
     * @param scratch a buffer at least as long as the string, so characters are read from an array
     *        rather than through {@code charAt}'s per-call checks
     */
    static long ofString(String value, char[] scratch) {
        int length = value.length();
        value.getChars(0, length, scratch, 0);
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            h0 = h0 * STRING_MULTIPLIER + scratch[i];
            h1 = h1 * STRING_MULTIPLIER + scratch[i + 1];
            h2 = h2 * STRING_MULTIPLIER + scratch[i + 2];
            h3 = h3 * STRING_MULTIPLIER + scratch[i + 3];
        }
        for (; i < length; i++) {
            h0 = h0 * STRING_MULTIPLIER + scratch[i] + 0x10000;
        }
        long combined = h0 ^ Long.rotateLeft(h1, 16) ^ Long.rotateLeft(h2, 32) ^ Long.rotateLeft(h3, 48);
        return mix(combined * GOLDEN + length);
    }

    /** {@link #ofString(String, char[])} with a buffer of its own. */
    static long ofString(String value) {
        return ofString(value, new char[value.length()]);
    }

    /**
     * The hash a value contributes to its row: never zero, so that zero can stand for a missing
     * value without ambiguity.
     */
    static long valueHash(long key) {
        return mix(key ^ GOLDEN) | 1L;
    }

    /** Folds one value hash into a running row hash; the order of columns matters. */
    static long combine(long rowHash, long valueHash) {
        return (rowHash ^ valueHash) * GOLDEN + 0x632BE59BD9B4E019L;
    }

    static long finishRow(long rowHash) {
        return mix(rowHash);
    }
}
