package io.nifimdm.core.stats;

/**
 * Counts occurrences of 64-bit keys in open-addressed primitive arrays: no boxing and no node
 * objects, so counting a value costs one probe. Optionally remembers one representative object
 * per key (the first string seen with that hash) so that top values can be reported by value.
 * Not thread-safe.
 */
final class LongCountMap {

    private long[] keys;
    private long[] counts;
    private Object[] representatives;
    private final boolean keysSpread;
    private int size;
    private int mask;

    /**
     * @param keysSpread whether keys are already well-spread hashes (string hashes), so their low
     *        bits pick a slot as they are; other keys (values themselves) are mixed first
     * @param keepRepresentatives whether to remember the first object seen per key
     */
    LongCountMap(boolean keysSpread, boolean keepRepresentatives) {
        this.keysSpread = keysSpread;
        int capacity = 64;
        keys = new long[capacity];
        counts = new long[capacity];
        representatives = keepRepresentatives ? new Object[capacity] : null;
        mask = capacity - 1;
    }

    /** Adds occurrences of a key. */
    void add(long key, long occurrences, Object representative) {
        add(key, keysSpread ? key : Hashing.mix(key), occurrences, representative);
    }

    /**
     * Adds occurrences of a key whose spread form the caller has already computed.
     *
     * @param spreadKey the key itself when keys are spread, else {@link Hashing#mix} of it
     * @param representative kept the first time the key is seen (ignored without representatives)
     */
    void add(long key, long spreadKey, long occurrences, Object representative) {
        int slot = (int) spreadKey & mask;
        while (true) {
            long count = counts[slot];
            if (count == 0) {
                keys[slot] = key;
                counts[slot] = occurrences;
                if (representatives != null) {
                    representatives[slot] = representative;
                }
                // at most a quarter full: lookups then hit on the first probe ~7 times in 8, which
                // keeps the branch predictable on the per-value path
                if (++size * 4 > keys.length) {
                    grow();
                }
                return;
            }
            if (keys[slot] == key) {
                counts[slot] = count + occurrences;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Visits every (key, count, representative) entry in slot order. */
    void forEach(EntryVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                visitor.visit(keys[i], counts[i], representatives == null ? null : representatives[i]);
            }
        }
    }

    private int slotOf(long key) {
        return (int) (keysSpread ? key : Hashing.mix(key)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        Object[] oldRepresentatives = representatives;
        int capacity = oldKeys.length * 2;
        keys = new long[capacity];
        counts = new long[capacity];
        representatives = oldRepresentatives == null ? null : new Object[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                while (counts[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                if (representatives != null) {
                    representatives[slot] = oldRepresentatives[i];
                }
            }
        }
    }

    @FunctionalInterface
    interface EntryVisitor {
        void visit(long key, long count, Object representative);
    }
}
