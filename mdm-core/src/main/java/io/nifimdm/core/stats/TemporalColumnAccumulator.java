package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;

/**
 * DATE and TIMESTAMP columns: min, max, range in days and distinct values. Timestamps are
 * compared and counted at microsecond precision (what PostgreSQL and DuckDB store).
 */
final class TemporalColumnAccumulator extends ColumnAccumulator {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final boolean timestamp;
    private final DistinctCounter distinct;
    private long minKey = Long.MAX_VALUE;
    private long maxKey = Long.MIN_VALUE;
    private Temporal min;
    private Temporal max;

    TemporalColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        super(column, options);
        this.timestamp = column.type() == ColumnType.TIMESTAMP;
        this.distinct = new DistinctCounter(options, false);
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
        long key;
        if (timestamp) {
            key = timestampKey((LocalDateTime) value);
        } else {
            key = ((LocalDate) value).toEpochDay();
        }
        if (key < minKey) {
            minKey = key;
            min = (Temporal) value;
        }
        if (key > maxKey) {
            maxKey = key;
            max = (Temporal) value;
        }
        long spread = Hashing.mix(key);
        distinct.add(key, spread, null);
        return spread | 1L;
    }

    /**
     * Microseconds in an order-preserving calendar numbering (day = (year * 13 + month) * 32 +
     * day of month): cheaper than an epoch count, which needs leap-year arithmetic, and as good for
     * min, max and distinct. Exact and ordered for years within +-250,000; beyond that the product
     * wraps, which no real data reaches.
     */
    static long timestampKey(LocalDateTime value) {
        long day = ((long) value.getYear() * 13 + value.getMonthValue()) * 32 + value.getDayOfMonth();
        return day * MICROS_PER_DAY + value.toLocalTime().toNanoOfDay() / 1000;
    }

    @Override
    void merge(ColumnAccumulator other) {
        TemporalColumnAccumulator that = (TemporalColumnAccumulator) other;
        nullCount += that.nullCount;
        if (that.minKey < minKey) {
            minKey = that.minKey;
            min = that.min;
        }
        if (that.maxKey > maxKey) {
            maxKey = that.maxKey;
            max = that.max;
        }
        distinct.merge(that.distinct);
    }

    @Override
    ColumnStatistics finish(long rowCount) {
        TemporalStatistics temporal = null;
        if (min != null) {
            long rangeDays = timestamp
                    ? Duration.between((LocalDateTime) min, (LocalDateTime) max).toDays()
                    : ChronoUnit.DAYS.between((LocalDate) min, (LocalDate) max);
            temporal = new TemporalStatistics(min, max, rangeDays);
        }
        return statistics(rowCount, distinct.count(), !distinct.isExact(), null, temporal, null, null);
    }
}
