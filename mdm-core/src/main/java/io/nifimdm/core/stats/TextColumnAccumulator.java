package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * TEXT columns: distinct values and top values, exact while the column has at most the exact
 * limit of distinct values (strings are identified by a 64-bit hash, one string kept per hash);
 * past it, an HLL for the distinct count and a {@link FrequentItems} summary for the
 * top values, seeded with the exact counts so far. The empty string
 * is a value like any other, not a null.
 */
final class TextColumnAccumulator extends ColumnAccumulator {

    private static final Comparator<ValueCount> MOST_FREQUENT_FIRST = Comparator.comparingLong(ValueCount::count).reversed()
            .thenComparing(entry -> (String) entry.value());

    private final DistinctCounter distinct;
    private FrequentItems frequent;
    private char[] scratch = new char[64];

    TextColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        super(column, options);
        this.distinct = new DistinctCounter(options, true);
    }

    @Override
    void addBatch(Object[] values, int count, long[] rowHashes, boolean[] rowMissing) {
        for (int i = 0; i < count; i++) {
            long valueHash = add(values[i]);
            if (valueHash == MISSING) {
                rowMissing[i] = true;
            }
            rowHashes[i] = Hashing.combine(rowHashes[i], valueHash);
        }
    }

    /** Returns the value's non-zero hash, or {@link #MISSING}. */
    private long add(Object value) {
        if (value == null) {
            nullCount++;
            return MISSING;
        }
        String text = (String) value;
        if (text.length() > scratch.length) {
            scratch = new char[Math.max(text.length(), scratch.length * 2)];
        }
        long key = Hashing.ofString(text, scratch);
        if (frequent != null) {
            frequent.add(key, text, 1);
        }
        LongCountMap spilled = distinct.add(key, key, text);
        if (spilled != null) {
            startSketch(spilled);
        }
        return key | 1L;
    }

    private void startSketch(LongCountMap counts) {
        frequent = new FrequentItems(options.frequentItemsCapacity());
        counts.forEach((key, occurrences, representative) -> frequent.add(key, (String) representative, occurrences));
    }

    @Override
    void merge(ColumnAccumulator other) {
        TextColumnAccumulator that = (TextColumnAccumulator) other;
        nullCount += that.nullCount;
        LongCountMap spilled = distinct.merge(that.distinct);
        if (spilled != null) {
            // this side was exact until now; the other side's counts are added below
            startSketch(spilled);
            if (that.frequent != null) {
                frequent.merge(that.frequent);
            }
            // otherwise the distinct merge already folded the other side's exact counts into the spilled map
        } else if (frequent != null) {
            if (that.frequent != null) {
                frequent.merge(that.frequent);
            } else {
                that.distinct.exactCounts().forEach((key, occurrences, representative) ->
                        frequent.add(key, (String) representative, occurrences));
            }
        }
    }

    @Override
    ColumnStatistics finish(long rowCount) {
        return statistics(rowCount, distinct.count(), !distinct.isExact(), null, null, null, topValues(rowCount));
    }

    private TopValues topValues(long rowCount) {
        if (rowCount == nullCount) {
            return null;
        }
        List<ValueCount> entries = new ArrayList<>();
        if (frequent == null) {
            distinct.exactCounts().forEach((key, occurrences, representative) ->
                    entries.add(new ValueCount(representative, occurrences)));
        } else {
            frequent.forEach((item, estimate) -> entries.add(new ValueCount(item, estimate)));
        }
        entries.sort(MOST_FREQUENT_FIRST);
        List<ValueCount> top = entries.subList(0, Math.min(options.topValueCount(), entries.size()));
        return new TopValues(top, frequent != null, frequent == null ? 0 : frequent.maximumError());
    }
}
