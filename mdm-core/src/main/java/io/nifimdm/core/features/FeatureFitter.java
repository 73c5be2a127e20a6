package io.nifimdm.core.features;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.features.FeaturePlan.CategoricalFit;
import io.nifimdm.core.features.FeaturePlan.ColumnFit;
import io.nifimdm.core.features.FeaturePlan.CustomFit;
import io.nifimdm.core.features.FeaturePlan.InteractionFit;
import io.nifimdm.core.features.FeaturePlan.MissingFit;
import io.nifimdm.core.features.FeaturePlan.NumericFit;
import io.nifimdm.core.features.FeaturePlan.TargetFit;
import io.nifimdm.core.features.FeaturePlan.TemporalFit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fits the statistics of a plan on the fit table: one streamed pass in Java for moments, minima, missing counts,
 * Pearson sums and target sums, then one {@code GROUP BY} per numeric and categorical column, streamed in value order
 * from the engine, for quantiles, bins, percentile ranks, Box-Cox and vocabularies. Heap use is bounded by the
 * number of columns and by {@link SortedValueCounts#MAX_POINTS} per column, not by the row count.
 */
final class FeatureFitter {

    /** Categories beyond this many distinct values are left out of the vocabulary (their frequency reads 0). */
    static final int MAX_VOCABULARY = 100_000;

    private final Connection connection;
    private final Backend backend;
    private final String schema;
    private final String table;
    private final List<ColumnInfo> columns;
    private final String targetColumn;
    private final Set<String> idColumns;
    private final FeatureOptions options;

    FeatureFitter(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> columns,
                  String targetColumn, List<String> idColumns, FeatureOptions options) {
        this.connection = connection;
        this.backend = backend;
        this.schema = schema;
        this.table = table;
        this.columns = columns;
        this.targetColumn = targetColumn;
        this.idColumns = Set.copyOf(idColumns);
        this.options = options;
    }

    private boolean skipped(ColumnInfo column) {
        return column.role() == ColumnRole.ID || column.role() == ColumnRole.TARGET
                || column.semanticType() == SemanticType.ID || column.semanticType() == SemanticType.TARGET
                || column.name().equals(targetColumn) || idColumns.contains(column.name());
    }

    private String familyOf(ColumnInfo column) {
        if (skipped(column)) {
            return null;
        }
        SemanticType semantic = column.semanticType();
        ColumnType storage = column.storageType();
        if (semantic == SemanticType.NUMERIC && (storage.isNumeric() || storage == ColumnType.BOOLEAN)) {
            return options.statistical() ? FeatureComputer.STATISTICAL : null;
        }
        if (semantic == SemanticType.CATEGORICAL || semantic == SemanticType.BINARY) {
            return options.categorical() ? FeatureComputer.CATEGORICAL : null;
        }
        if (semantic == SemanticType.DATETIME && storage.isTemporal()) {
            return options.temporal() ? FeatureComputer.TEMPORAL : null;
        }
        if (semantic == SemanticType.TEXT) {
            return options.text() ? FeatureComputer.TEXT : null;
        }
        return null;
    }

    FeaturePlan fit(Instant now) throws Exception {
        int width = columns.size();
        String[] family = new String[width];
        boolean[] interactionCandidate = new boolean[width];
        for (int i = 0; i < width; i++) {
            ColumnInfo column = columns.get(i);
            family[i] = familyOf(column);
            interactionCandidate[i] = options.interactions() && !skipped(column)
                    && column.semanticType() == SemanticType.NUMERIC && column.storageType().isNumeric();
        }
        int targetIndex = -1;
        for (int i = 0; i < width; i++) {
            if (columns.get(i).name().equals(targetColumn)) {
                targetIndex = i;
            }
        }
        boolean encodeTarget = options.targetEncoding() && targetIndex >= 0
                && (columns.get(targetIndex).storageType().isNumeric()
                || columns.get(targetIndex).storageType() == ColumnType.BOOLEAN);

        long[] nulls = new long[width];
        Moments[] moments = new Moments[width];
        LocalDateTime[] earliest = new LocalDateTime[width];
        int[] pairColumns = java.util.stream.IntStream.range(0, width).filter(i -> interactionCandidate[i]).toArray();
        PairSums pairs = new PairSums(pairColumns.length);
        @SuppressWarnings("unchecked")
        Map<String, TargetSums>[] targetSums = new Map[width];
        TargetSums targetTotals = new TargetSums(options.targetEncodingFolds());
        for (int i = 0; i < width; i++) {
            if (FeatureComputer.STATISTICAL.equals(family[i]) || interactionCandidate[i]) {
                moments[i] = new Moments();
            }
            if (encodeTarget && FeatureComputer.CATEGORICAL.equals(family[i])) {
                targetSums[i] = new HashMap<>();
            }
        }
        long[] rows = {0};
        double[] pairValues = new double[pairColumns.length];
        final int target = targetIndex;
        final int folds = options.targetEncodingFolds();
        Object[] row = new Object[width];
        SourceQueries.stream(connection, backend, selectAll(), resultSet -> {
            for (int i = 0; i < width; i++) {
                Object value = backend.readValue(resultSet, i + 1, columns.get(i).storageType());
                row[i] = value;
                if (value == null) {
                    nulls[i]++;
                    continue;
                }
                if (moments[i] != null) {
                    moments[i].add(FeatureComputer.number(value));
                }
                if (FeatureComputer.TEMPORAL.equals(family[i])) {
                    LocalDateTime t = FeatureComputer.dateTime(value);
                    if (t != null && (earliest[i] == null || t.isBefore(earliest[i]))) {
                        earliest[i] = t;
                    }
                }
            }
            for (int p = 0; p < pairColumns.length; p++) {
                pairValues[p] = FeatureComputer.number(row[pairColumns[p]]);
            }
            pairs.add(pairValues);
            if (encodeTarget) {
                double y = FeatureComputer.number(row[target]);
                if (!Double.isNaN(y)) {
                    int fold = FeatureComputer.foldOf(row, width, folds);
                    targetTotals.add(fold, y);
                    for (int i = 0; i < width; i++) {
                        if (targetSums[i] != null && row[i] != null) {
                            String category = FeatureComputer.categoryText(row[i]);
                            TargetSums sums = targetSums[i].get(category);
                            if (sums == null && targetSums[i].size() < MAX_VOCABULARY) {
                                sums = new TargetSums(folds);
                                targetSums[i].put(category, sums);
                            }
                            if (sums != null) {
                                sums.add(fold, y);
                            }
                        }
                    }
                }
            }
            rows[0]++;
        });
        long rowCount = rows[0];

        List<ColumnFit> fits = new ArrayList<>();
        Map<String, Long> distinctByColumn = new HashMap<>();
        for (int i = 0; i < width; i++) {
            ColumnInfo column = columns.get(i);
            if (FeatureComputer.STATISTICAL.equals(family[i])) {
                NumericFit numeric = fitNumeric(column, moments[i]);
                distinctByColumn.put(column.name(), numeric.distinct());
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), numeric, null, null));
            } else if (FeatureComputer.CATEGORICAL.equals(family[i])) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null,
                        fitCategorical(column, rowCount, targetSums[i], targetTotals), null));
            } else if (FeatureComputer.TEMPORAL.equals(family[i])) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null, null,
                        new TemporalFit(earliest[i] == null ? null : earliest[i].toString())));
            } else if (FeatureComputer.TEXT.equals(family[i])) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null, null, null));
            }
        }

        MissingFit missing = null;
        if (options.missingData() && rowCount > 0) {
            List<String> set = new ArrayList<>();
            List<String> indicators = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                double ratio = (double) nulls[i] / rowCount;
                if (ratio >= options.missingMinRatio() && ratio <= options.missingMaxRatio()) {
                    set.add(columns.get(i).name());
                    if (!skipped(columns.get(i))) {
                        indicators.add(columns.get(i).name());
                    }
                }
            }
            missing = new MissingFit(set, indicators,
                    set.subList(0, Math.min(options.missingPairColumns(), set.size())));
        }

        List<InteractionFit> interactions = new ArrayList<>();
        if (options.interactions()) {
            List<Integer> eligible = new ArrayList<>();
            for (int p = 0; p < pairColumns.length; p++) {
                ColumnInfo column = columns.get(pairColumns[p]);
                long distinct = distinctByColumn.containsKey(column.name()) ? distinctByColumn.get(column.name())
                        : countDistinct(column.name());
                if (rowCount > 0 && (double) distinct / rowCount > 0.01 && distinct > 2) {
                    eligible.add(p);
                }
            }
            for (int x = 0; x < eligible.size(); x++) {
                for (int y = x + 1; y < eligible.size(); y++) {
                    double r = pairs.correlation(eligible.get(x), eligible.get(y));
                    double magnitude = Math.abs(r);
                    if (magnitude >= options.interactionMinCorrelation()
                            && magnitude < options.interactionMaxCorrelation()) {
                        interactions.add(new InteractionFit(columns.get(pairColumns[eligible.get(x)]).name(),
                                columns.get(pairColumns[eligible.get(y)]).name(), r));
                    }
                }
            }
            interactions.sort(Comparator.comparingDouble((InteractionFit f) -> -Math.abs(f.correlation())));
            if (interactions.size() > options.maxInteractionPairs()) {
                interactions = new ArrayList<>(interactions.subList(0, options.maxInteractionPairs()));
            }
        }

        List<CustomFit> custom = new ArrayList<>();
        for (Map.Entry<String, String> entry : options.customFeatures().entrySet()) {
            custom.add(new CustomFit(entry.getKey(), entry.getValue(), probeCustom(entry.getKey(), entry.getValue())));
        }
        return new FeaturePlan(FeaturePlan.FORMAT_VERSION, table, rowCount, now.toString(), targetColumn, options,
                fits, missing, interactions, custom, List.of(), List.of());
    }

    private String selectAll() {
        return "SELECT " + columns.stream().map(c -> backend.quote(c.name())).collect(Collectors.joining(", "))
                + " FROM " + backend.qualified(schema, table);
    }

    private NumericFit fitNumeric(ColumnInfo column, Moments moments) throws Exception {
        SortedValueCounts sorted = new SortedValueCounts();
        String x = backend.quote(column.name());
        String sql = "SELECT " + x + ", COUNT(*) FROM " + backend.qualified(schema, table) + " WHERE " + x
                + " IS NOT NULL GROUP BY " + x + " ORDER BY " + x;
        ColumnType type = column.storageType();
        SourceQueries.stream(connection, backend, sql, rs -> sorted.add(
                FeatureComputer.number(backend.readValue(rs, 1, type)), rs.getLong(2)));
        long n = moments.count;
        double std = n > 1 ? Math.sqrt(moments.m2 / (n - 1)) : Double.NaN;
        boolean allPositive = n > 0 && moments.min > 0;
        double[] equalEdges = null;
        double[] quantileEdges = null;
        int bins = options.bins();
        if (sorted.distinct() > options.binMinDistinct() && moments.max > moments.min) {
            equalEdges = new double[bins + 1];
            double step = (moments.max - moments.min) / bins;
            for (int i = 0; i < bins; i++) {
                equalEdges[i] = moments.min + i * step;
            }
            equalEdges[bins] = moments.max;
            equalEdges[0] -= (moments.max - moments.min) * 0.001;
            double[] edges = new double[bins + 1];
            int distinctEdges = 0;
            for (int i = 0; i <= bins; i++) {
                double edge = sorted.quantile((double) i / bins);
                if (distinctEdges == 0 || edge != edges[distinctEdges - 1]) {
                    edges[distinctEdges++] = edge;
                }
            }
            quantileEdges = distinctEdges >= 2 ? java.util.Arrays.copyOf(edges, distinctEdges) : null;
        }
        return new NumericFit(n, n > 0 ? moments.mean : Double.NaN, std, n > 0 ? moments.min : Double.NaN,
                n > 0 ? moments.max : Double.NaN, allPositive, sorted.distinct(), sorted.quantile(0.25),
                sorted.quantile(0.75), equalEdges, quantileEdges, sorted.rankTable(),
                allPositive ? sorted.boxcoxLambda() : null);
    }

    private CategoricalFit fitCategorical(ColumnInfo column, long rowCount, Map<String, TargetSums> targetSums,
                                          TargetSums totals) throws Exception {
        String x = backend.quote(column.name());
        String sql = "SELECT " + x + ", COUNT(*) FROM " + backend.qualified(schema, table) + " WHERE " + x
                + " IS NOT NULL GROUP BY " + x;
        Map<String, Long> counts = new HashMap<>();
        long[] distinct = {0};
        ColumnType type = column.storageType();
        SourceQueries.stream(connection, backend, sql, rs -> {
            distinct[0]++;
            String value = FeatureComputer.categoryText(backend.readValue(rs, 1, type));
            if (counts.size() < MAX_VOCABULARY) {
                counts.merge(value, rs.getLong(2), Long::sum);
            }
        });
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(counts.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> values = ordered.stream().map(Map.Entry::getKey).toList();
        long[] valueCounts = ordered.stream().mapToLong(Map.Entry::getValue).toArray();
        List<String> oneHot = distinct[0] <= options.maxOneHotCardinality()
                ? values.stream().sorted().toList() : List.of();
        TargetFit target = null;
        if (targetSums != null) {
            int folds = options.targetEncodingFolds();
            double[] sums = new double[values.size()];
            long[] n = new long[values.size()];
            double[][] foldSums = new double[values.size()][];
            long[][] foldCounts = new long[values.size()][];
            for (int i = 0; i < values.size(); i++) {
                TargetSums s = targetSums.getOrDefault(values.get(i), new TargetSums(folds));
                sums[i] = s.sum;
                n[i] = s.count;
                foldSums[i] = s.foldSums;
                foldCounts[i] = s.foldCounts;
            }
            double[] foldPriors = new double[folds];
            for (int f = 0; f < folds; f++) {
                long outside = totals.count - totals.foldCounts[f];
                foldPriors[f] = outside == 0 ? Double.NaN : (totals.sum - totals.foldSums[f]) / outside;
            }
            target = new TargetFit(folds, totals.count == 0 ? Double.NaN : totals.sum / totals.count, sums, n,
                    foldSums, foldCounts, foldPriors);
        }
        boolean stringValued = column.storageType() == ColumnType.TEXT;
        return new CategoricalFit(rowCount, values, valueCounts, oneHot, stringValued, target);
    }

    private long countDistinct(String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(DISTINCT " + backend.quote(column) + ") FROM "
                     + backend.qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        } finally {
            SourceQueries.rollbackQuietly(connection);
        }
    }

    /** Checks a custom expression on the fit table and finds the storage type of its values. */
    private ColumnType probeCustom(String name, String expression) throws SQLException {
        String sql = "SELECT (" + expression + ") FROM " + backend.qualified(schema, table) + " LIMIT 1000";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Object value = rs.getObject(1);
                if (value != null) {
                    return typeOf(value);
                }
            }
            return ColumnType.DECIMAL;
        } catch (SQLException e) {
            throw new MdmException("custom feature '" + name + "' (" + expression + ") does not evaluate on table '"
                    + table + "': " + e.getMessage(), e);
        } finally {
            SourceQueries.rollbackQuietly(connection);
        }
    }

    static ColumnType typeOf(Object value) {
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return ColumnType.INTEGER;
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.scale() <= 0 ? ColumnType.INTEGER : ColumnType.DECIMAL;
        }
        if (value instanceof Number) {
            return ColumnType.DECIMAL;
        }
        return ColumnType.TEXT;
    }

    /** Welford's running mean and sum of squared deviations, with the extremes. */
    private static final class Moments {
        long count;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            if (Double.isNaN(v)) {
                return;
            }
            count++;
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }

    /** Target sum and count overall and per fold. */
    private static final class TargetSums {
        double sum;
        long count;
        final double[] foldSums;
        final long[] foldCounts;

        TargetSums(int folds) {
            foldSums = new double[folds];
            foldCounts = new long[folds];
        }

        void add(int fold, double y) {
            sum += y;
            count++;
            foldSums[fold] += y;
            foldCounts[fold]++;
        }
    }
}
