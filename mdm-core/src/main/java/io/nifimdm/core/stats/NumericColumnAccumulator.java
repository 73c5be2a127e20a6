package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** INTEGER and DECIMAL columns: moments by Welford's update, exact min/max, quartiles, distinct values. */
final class NumericColumnAccumulator extends ColumnAccumulator {

    private final boolean integer;
    private final DistinctCounter distinct;
    private final QuantileTracker quantiles;
    private long count;
    private double mean;
    private double squaredDeviations;
    private long minLong = Long.MAX_VALUE;
    private long maxLong = Long.MIN_VALUE;
    private double minDouble = Double.POSITIVE_INFINITY;
    private double maxDouble = Double.NEGATIVE_INFINITY;

    NumericColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        super(column, options);
        this.integer = column.type() == ColumnType.INTEGER;
        this.distinct = new DistinctCounter(options, false);
        this.quantiles = new QuantileTracker(options);
    }

    @Override
    long add(Object value) {
        if (value == null) {
            nullCount++;
            return MISSING;
        }
        double x;
        long key;
        if (integer) {
            long l = ((Number) value).longValue();
            if (l < minLong) {
                minLong = l;
            }
            if (l > maxLong) {
                maxLong = l;
            }
            x = l;
            key = l;
        } else {
            double d = ((Number) value).doubleValue();
            if (d != d) {
                nullCount++;
                return MISSING;
            }
            if (d == 0.0) {
                d = 0.0; // -0.0 and 0.0 are one value, as in SQL
            }
            if (d < minDouble) {
                minDouble = d;
            }
            if (d > maxDouble) {
                maxDouble = d;
            }
            x = d;
            key = Double.doubleToRawLongBits(d);
        }
        count++;
        double delta = x - mean;
        mean += delta / count;
        squaredDeviations += delta * (x - mean);
        quantiles.add(x);
        distinct.add(key, null);
        return Hashing.valueHash(key);
    }

    @Override
    void merge(ColumnAccumulator other) {
        NumericColumnAccumulator that = (NumericColumnAccumulator) other;
        nullCount += that.nullCount;
        if (that.count > 0) {
            // Chan et al.: combine two (count, mean, M2) summaries without revisiting values
            long combined = count + that.count;
            double delta = that.mean - mean;
            mean += delta * that.count / combined;
            squaredDeviations += that.squaredDeviations + delta * delta * ((double) count * that.count / combined);
            count = combined;
        }
        minLong = Math.min(minLong, that.minLong);
        maxLong = Math.max(maxLong, that.maxLong);
        minDouble = Math.min(minDouble, that.minDouble);
        maxDouble = Math.max(maxDouble, that.maxDouble);
        quantiles.merge(that.quantiles);
        distinct.merge(that.distinct);
    }

    @Override
    ColumnStatistics finish(long rowCount) {
        NumericStatistics numeric = null;
        TopValues top = null;
        if (count > 0) {
            double[] quartiles = quantiles.quartiles();
            Double std = count > 1 ? Math.sqrt(squaredDeviations / (count - 1)) : null;
            Number min = integer ? (Number) minLong : (Number) minDouble;
            Number max = integer ? (Number) maxLong : (Number) maxDouble;
            numeric = new NumericStatistics(min, max, mean, std, quartiles[0], quartiles[1], quartiles[2],
                    !quantiles.isExact(), quantiles.rankError());
            if (integer && distinct.isExact()) {
                top = topIntegers();
            }
        }
        return statistics(rowCount, distinct.count(), !distinct.isExact(), numeric, null, null, top);
    }

    private TopValues topIntegers() {
        List<ValueCount> entries = new ArrayList<>(distinct.exactCounts().size());
        distinct.exactCounts().forEach((key, occurrences, representative) -> entries.add(new ValueCount(key, occurrences)));
        entries.sort(Comparator.comparingLong(ValueCount::count).reversed()
                .thenComparingLong(entry -> (Long) entry.value()));
        return new TopValues(entries.subList(0, Math.min(options.topValueCount(), entries.size())), false, 0);
    }
}
