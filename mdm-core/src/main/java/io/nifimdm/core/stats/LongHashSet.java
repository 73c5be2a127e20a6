package io.nifimdm.core.stats;

/**
 * A set of 64-bit row hashes in one open-addressed array (load factor at most 3/4), the exact
 * duplicate-row detector. Zero marks an empty slot, so the key zero is tracked by a flag.
 * Not thread-safe.
 */
final class LongHashSet {

    private long[] slots = new long[1024];
    private int mask = slots.length - 1;
    private int size;
    private boolean containsZero;

    /** Adds a hash; returns false when it was already present. */
    boolean add(long hash) {
        if (hash == 0) {
            if (containsZero) {
                return false;
            }
            containsZero = true;
            size++;
            return true;
        }
        int slot = (int) Hashing.mix(hash) & mask;
        while (true) {
            long present = slots[slot];
            if (present == 0) {
                slots[slot] = hash;
                if (++size * 4L > slots.length * 3L) {
                    grow();
                }
                return true;
            }
            if (present == hash) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Visits every hash in the set. */
    void forEach(java.util.function.LongConsumer consumer) {
        if (containsZero) {
            consumer.accept(0L);
        }
        for (long hash : slots) {
            if (hash != 0) {
                consumer.accept(hash);
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long hash : old) {
            if (hash != 0) {
                int slot = (int) Hashing.mix(hash) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = hash;
            }
        }
    }
}
