package io.nifimdm.core.stats;

/**
 * 64-bit hashing for distinct counting and duplicate-row detection. Quality matters more than
 * speed here only up to a point: every value of every row goes through these, so they are plain
 * multiply-xorshift mixes rather than a cryptographic hash. Collisions between two different
 * values happen with probability about 2^-64 per pair.
 */
final class Hashing {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long STRING_MULTIPLIER = 0x100000001B3L * 31;

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
     * A 64-bit hash of the characters of a string. Two characters per step halve the multiply
     * chain; the final mix makes the low bits (used for table slots) depend on every character.
     */
    static long ofString(String value) {
        int length = value.length();
        long h = length * GOLDEN;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            h = h * STRING_MULTIPLIER + (((long) value.charAt(i) << 16) | value.charAt(i + 1));
        }
        if (i < length) {
            h = h * 0x100000001B3L + value.charAt(i);
        }
        return mix(h);
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
