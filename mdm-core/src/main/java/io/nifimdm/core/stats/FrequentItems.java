package io.nifimdm.core.stats;

import java.util.Arrays;

/**
 * Approximate counts of the most frequent strings in bounded memory: the Misra-Gries summary with
 * DataSketches' "reverse purge" (when the map is full, the median counter is subtracted from every
 * counter and the ones that drop to zero are evicted). For every string, counter <= true count <=
 * counter + offset, where offset (the sum of subtracted medians) stays below about
 * 2 * n / capacity. The counter, a lower bound, is what is reported: for a frequent value it is
 * close to the truth, and for a rare one it does not invent occurrences. Strings are identified by their
 * 64-bit hash, one representative string kept per hash. Summaries merge by adding counters.
 * Not thread-safe.
 */
final class FrequentItems {

    private static final int MEDIAN_SAMPLE = 255;

    private final int capacity;
    private long[] hashes;
    private long[] counters;
    private String[] items;
    private long[] spareHashes;
    private long[] spareCounters;
    private String[] spareItems;
    private final long[] sample = new long[MEDIAN_SAMPLE];
    private int size;
    private long offset;

    FrequentItems(int capacity) {
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity - 1) << 2; // at least twice the capacity: at most half full
        hashes = new long[slots];
        counters = new long[slots];
        items = new String[slots];
        spareHashes = new long[slots];
        spareCounters = new long[slots];
        spareItems = new String[slots];
    }

    /** Adds occurrences of a string whose {@link Hashing#ofString} is hash. */
    void add(long hash, String item, long occurrences) {
        int mask = hashes.length - 1;
        int slot = (int) hash & mask;
        while (counters[slot] != 0) {
            if (hashes[slot] == hash) {
                counters[slot] += occurrences;
                return;
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        counters[slot] = occurrences;
        items[slot] = item;
        if (++size > capacity) {
            purge();
        }
    }

    /** Most that any true count exceeds its reported counter by. */
    long maximumError() {
        return offset;
    }

    void merge(FrequentItems other) {
        for (int i = 0; i < other.hashes.length; i++) {
            if (other.counters[i] != 0) {
                add(other.hashes[i], other.items[i], other.counters[i]);
            }
        }
        offset += other.offset;
    }

    /** Visits each tracked string with its counter (a lower bound of its true count). */
    void forEach(java.util.function.ObjLongConsumer<String> visitor) {
        for (int i = 0; i < hashes.length; i++) {
            if (counters[i] != 0) {
                visitor.accept(items[i], counters[i]);
            }
        }
    }

    /**
     * Subtracts an estimate of the median counter from every counter (any amount keeps the bounds
     * true; about the median evicts about half the strings) and rebuilds the table without the
     * counters that reached zero, into the spare arrays, which then swap roles.
     */
    private void purge() {
        int taken = 0;
        int stride = Math.max(1, counters.length / (MEDIAN_SAMPLE * 2));
        for (int i = 0; i < counters.length && taken < MEDIAN_SAMPLE; i += stride) {
            if (counters[i] != 0) {
                sample[taken++] = counters[i];
            }
        }
        Arrays.sort(sample, 0, taken);
        long median = taken == 0 ? 1 : sample[taken / 2];
        long[] oldHashes = hashes;
        long[] oldCounters = counters;
        String[] oldItems = items;
        hashes = spareHashes;
        counters = spareCounters;
        items = spareItems;
        spareHashes = oldHashes;
        spareCounters = oldCounters;
        spareItems = oldItems;
        size = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            long remaining = oldCounters[i] - median;
            if (remaining > 0) {
                int mask = hashes.length - 1;
                int slot = (int) oldHashes[i] & mask;
                while (counters[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                counters[slot] = remaining;
                items[slot] = oldItems[i];
                size++;
            }
            oldCounters[i] = 0;
            oldItems[i] = null;
        }
        offset += median;
    }
}
