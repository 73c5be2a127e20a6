package io.nifimdm.core.stats;

import java.util.Arrays;

/**
 * Counts distinct rows by their 64-bit hashes. Hashes are appended to an array (sequential writes,
 * where a hash set would take a cache miss per row once it outgrows the cache) and de-duplicated
 * in a compaction: one pass partitions them by their top bits, then each partition is de-duplicated
 * in a small hash table that stays in cache. Exact for up to {@code limit} rows, and beyond that
 * while the distinct rows stay under three quarters of the limit; otherwise every hash moves into
 * a HyperLogLog and the count becomes an estimate. Memory: 8 bytes per kept hash, twice that
 * during a compaction. Not thread-safe.
 */
final class DistinctRowCounter {

    private static final int PARTITION_BITS = 12;

    private final int limit;
    private final int precision;
    private long[] hashes;
    private int size;
    private HyperLogLog sketch;

    DistinctRowCounter(StatisticsOptions options) {
        this.limit = options.duplicateExactLimit();
        this.precision = options.rowHllPrecision();
        this.hashes = new long[Math.min(1024, limit)];
    }

    void add(long hash) {
        if (sketch != null) {
            sketch.add(hash);
            return;
        }
        if (size == hashes.length) {
            makeRoom();
            if (sketch != null) {
                sketch.add(hash);
                return;
            }
        }
        hashes[size++] = hash;
    }

    private void makeRoom() {
        if (hashes.length < limit) {
            hashes = Arrays.copyOf(hashes, (int) Math.min(limit, hashes.length * 2L));
            return;
        }
        compact();
        if (size > limit - limit / 4) {
            sketch = new HyperLogLog(precision);
            for (int i = 0; i < size; i++) {
                sketch.add(hashes[i]);
            }
            hashes = null;
            size = 0;
        }
    }

    boolean isExact() {
        return sketch == null;
    }

    /** Distinct rows so far: exact while {@link #isExact()}, else an estimate. */
    long count() {
        if (sketch != null) {
            return Math.round(sketch.estimate());
        }
        compact();
        return size;
    }

    void merge(DistinctRowCounter other) {
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = new HyperLogLog(precision);
                for (int i = 0; i < size; i++) {
                    sketch.add(hashes[i]);
                }
                hashes = null;
                size = 0;
            }
            sketch.merge(other.sketch);
            return;
        }
        for (int i = 0; i < other.size; i++) {
            add(other.hashes[i]);
        }
    }

    /** Leaves each distinct hash exactly once in hashes[0..size). */
    private void compact() {
        if (size < 2) {
            return;
        }
        int partitions = 1 << PARTITION_BITS;
        int shift = 64 - PARTITION_BITS;
        int[] starts = new int[partitions + 1];
        for (int i = 0; i < size; i++) {
            starts[(int) (hashes[i] >>> shift) + 1]++;
        }
        int largest = 0;
        for (int p = 0; p < partitions; p++) {
            largest = Math.max(largest, starts[p + 1]);
            starts[p + 1] += starts[p];
        }
        long[] partitioned = new long[size];
        int[] next = Arrays.copyOf(starts, partitions);
        for (int i = 0; i < size; i++) {
            long hash = hashes[i];
            partitioned[next[(int) (hash >>> shift)]++] = hash;
        }
        long[] table = new long[Integer.highestOneBit(Math.max(1, largest)) * 4];
        int kept = 0;
        for (int p = 0; p < partitions; p++) {
            int from = starts[p];
            int to = starts[p + 1];
            if (to - from == 1) {
                hashes[kept++] = partitioned[from];
                continue;
            }
            int mask = Integer.highestOneBit(Math.max(1, to - from)) * 4 - 1;
            Arrays.fill(table, 0, mask + 1, 0L);
            boolean zeroSeen = false;
            for (int i = from; i < to; i++) {
                long hash = partitioned[i];
                if (hash == 0) {
                    if (!zeroSeen) {
                        zeroSeen = true;
                        hashes[kept++] = 0;
                    }
                    continue;
                }
                int slot = (int) hash & mask;
                while (true) {
                    long present = table[slot];
                    if (present == 0) {
                        table[slot] = hash;
                        hashes[kept++] = hash;
                        break;
                    }
                    if (present == hash) {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
        size = kept;
    }
}
