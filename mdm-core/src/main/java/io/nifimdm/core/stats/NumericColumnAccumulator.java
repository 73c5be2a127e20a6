package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** INTEGER and DECIMAL columns: mean and variance by batches, exact min/max, quartiles, distinct values. */
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
    private double[] batch = new double[0];
    private int batchSize;

    NumericColumnAccumulator(ColumnDef column, StatisticsOptions options) {
        super(column, options);
        this.integer = column.type() == ColumnType.INTEGER;
        this.distinct = new DistinctCounter(options, false);
        this.quantiles = new QuantileTracker(options);
    }

    @Override
    void addBatch(Object[] values, int count, long[] rowHashes, boolean[] rowMissing) {
        if (batch.length < count) {
            batch = new double[count];
        }
        batchSize = 0;
        for (int i = 0; i < count; i++) {
            long valueHash = add(values[i]);
            if (valueHash == MISSING) {
                rowMissing[i] = true;
            }
            rowHashes[i] = Hashing.combine(rowHashes[i], valueHash);
        }
        addMoments(batch, batchSize);
    }

    /**
     * Folds a batch into the running (count, mean, sum of squared deviations): two passes over the
     * batch, then Chan et al.'s combination. As stable as Welford's update, without a division per value.
     */
    private void addMoments(double[] values, int size) {
        if (size == 0) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        double batchMean = sum / size;
        double batchSquares = 0;
        double correction = 0;
        for (int i = 0; i < size; i++) {
            double deviation = values[i] - batchMean;
            batchSquares += deviation * deviation;
            correction += deviation;
        }
        // the compensation term removes the rounding error of batchMean (Bjorck's corrected two-pass)
        batchSquares -= correction * correction / size;
        batchMean += correction / size;
        combineMoments(size, batchMean, batchSquares);
    }

    private void combineMoments(long otherCount, double otherMean, double otherSquares) {
        long combined = count + otherCount;
        double delta = otherMean - mean;
        mean += delta * otherCount / combined;
        squaredDeviations += otherSquares + delta * delta * ((double) count * otherCount / combined);
        count = combined;
    }

    private long add(Object value) {
        if (value == null) {
            nullCount++;
            return MISSING;
        }
        double x;
        long key;
        if (integer) {
            long l = (Long) value;
            if (l < minLong) {
                minLong = l;
            }
            if (l > maxLong) {
                maxLong = l;
            }
            x = l;
            key = l;
        } else {
            double d = (Double) value;
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
        batch[batchSize++] = x;
        quantiles.add(x);
        long spread = Hashing.mix(key);
        distinct.add(key, spread, null);
        return spread | 1L;
    }

    @Override
    void merge(ColumnAccumulator other) {
        NumericColumnAccumulator that = (NumericColumnAccumulator) other;
        nullCount += that.nullCount;
        if (that.count > 0) {
            combineMoments(that.count, that.mean, that.squaredDeviations);
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
