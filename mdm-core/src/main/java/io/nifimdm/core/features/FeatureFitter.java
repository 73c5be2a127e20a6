package io.nifimdm.core.features;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fits the statistics of a plan on the fit table: one aggregate scan for row, null and number counts, extremes and
 * earliest timestamps ({@link ColumnExtremes}); one {@code GROUP BY} per numeric column, streamed in value order, for
 * quantiles, bins, percentile ranks and Box-Cox; one scan of shifted sums for means and standard deviations
 * ({@link ColumnSpread}); one for Pearson correlations ({@link PairCorrelations}); one {@code GROUP BY} per categorical
 * column for vocabularies. On PostgreSQL and SQLite, for tables of at most {@link ScannedValueCounts#MAX_VALUES}
 * numeric values, one scan sorted in the JVM replaces the numeric {@code GROUP BY}s, the moments and the correlations
 * ({@link ScannedValueCounts}): those engines sort each query on one core. Only target encoding (off by default)
 * streams every row into Java, since its folds hash whole rows. Heap use is bounded by the number of columns, by
 * {@link SortedValueCounts#MAX_POINTS} per column and by the one scan's limit, not by the row count.
 */
final class FeatureFitter {

    /** Interaction candidates whose pair sums the one-scan fit takes along; more go to the correlation query. */
    static final int MAX_SCANNED_PAIR_COLUMNS = 64;

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
    private final ParallelQueries parallel;

    FeatureFitter(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> columns,
                  String targetColumn, List<String> idColumns, FeatureOptions options) {
        this(connection, backend, schema, table, columns, targetColumn, idColumns, options, null);
    }

    /**
     * @param moreConnections opens further read connections of the dataset, so that the per-column queries run two
     *                        at a time; null runs them one after the other on {@code connection}
     */
    FeatureFitter(Connection connection, Backend backend, String schema, String table, List<ColumnInfo> columns,
                  String targetColumn, List<String> idColumns, FeatureOptions options,
                  ParallelQueries.ReadConnections moreConnections) {
        this.parallel = new ParallelQueries(connection, moreConnections, 1);
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
        boolean[] statistical = new boolean[width];
        boolean[] temporal = new boolean[width];
        for (int i = 0; i < width; i++) {
            ColumnInfo column = columns.get(i);
            family[i] = familyOf(column);
            interactionCandidate[i] = options.interactions() && !skipped(column)
                    && column.semanticType() == SemanticType.NUMERIC && column.storageType().isNumeric();
            statistical[i] = FeatureComputer.STATISTICAL.equals(family[i]);
            temporal[i] = FeatureComputer.TEMPORAL.equals(family[i]);
        }
        boolean[] numbers = new boolean[width];
        for (int i = 0; i < width; i++) {
            numbers[i] = statistical[i] || interactionCandidate[i];
        }
        ColumnExtremes extremes = ColumnExtremes.scan(connection, backend, schema, table, columns, numbers, temporal);
        long rowCount = extremes.rows;

        // each column's value counts are reduced to its fit at once: holding them all would grow the heap by up to
        // 16 MB per numeric column
        List<Integer> sortedHere = new ArrayList<>();
        if (sortsInJvm()) {
            for (int i = 0; i < width; i++) {
                if (statistical[i] && ScannedValueCounts.countable(columns.get(i))) {
                    sortedHere.add(i);
                }
            }
            if (sortedHere.isEmpty() || rowCount * sortedHere.size() > ScannedValueCounts.MAX_VALUES) {
                sortedHere.clear();
            }
        }
        ColumnCounts[] counts = new ColumnCounts[width];
        // what the one scan measures besides the counts: moments, and the pair sums of the interaction candidates
        ColumnSpread.Moments[] scannedMoments = new ColumnSpread.Moments[width];
        List<Integer> candidates = sortedHere.stream().filter(i -> interactionCandidate[i]).toList();
        // pair sums grow with the square of the columns: past that many the correlation query is the better deal
        List<Integer> paired = candidates.size() <= MAX_SCANNED_PAIR_COLUMNS ? candidates : List.of();
        List<CenteredValue> pairCentres = paired.stream()
                .map(i -> finiteExtremes(extremes, i) ? midrangeCentred(extremes, i) : null).toList();
        PairSums[] scannedPairs = new PairSums[1];
        List<Integer> grouped = new ArrayList<>();
        List<ParallelQueries.Query<ColumnCounts>> groupBys = new ArrayList<>();
        if (!sortedHere.isEmpty()) {
            // first in the list, so the longest query starts at once while the other connection takes the rest
            grouped.add(-1);
            groupBys.add(c -> {
                PairSums pairs;
                try {
                    pairs = ScannedValueCounts.scan(c, backend, schema, table, columns, sortedHere, paired,
                        pairCentres, rowCount, (column, sorted, size, values) -> {
                            ColumnCounts fitted = numericCounts(sorted, extremes, column);
                            ColumnSpread.Moments moments = finiteExtremes(extremes, column)
                                    ? ColumnSpread.fromValues(centred(extremes, column, fitted.median()), size,
                                    values)
                                    : null;
                            synchronized (counts) {
                                counts[column] = fitted;
                                scannedMoments[column] = moments;
                            }
                        });
                } catch (ScannedValueCounts.TooManyValues grew) {
                    // rows arrived after the row count was read: count as for a large table
                    pairs = null;
                    for (int column : sortedHere) {
                        ColumnCounts fitted = numericCounts(c, extremes, column);
                        synchronized (counts) {
                            counts[column] = fitted;
                        }
                    }
                }
                synchronized (counts) {
                    scannedPairs[0] = pairs;
                }
                return null;
            });
        }
        for (int i = 0; i < width; i++) {
            int index = i;
            if (statistical[i] && !sortedHere.contains(i)) {
                grouped.add(i);
                groupBys.add(c -> numericCounts(c, extremes, index));
            } else if (FeatureComputer.CATEGORICAL.equals(family[i])) {
                grouped.add(i);
                groupBys.add(c -> new ColumnCounts(null, Double.NaN, categoryCounts(c, columns.get(index))));
            }
        }
        List<ColumnCounts> results = parallel.runAll(groupBys);
        synchronized (counts) {
            for (int g = 0; g < grouped.size(); g++) {
                if (grouped.get(g) >= 0) {
                    counts[grouped.get(g)] = results.get(g);
                }
            }
        }
        NumericFit[] numeric = new NumericFit[width];
        List<CenteredValue> centred = new ArrayList<>();
        List<Integer> centredColumns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            if (statistical[i]) {
                numeric[i] = counts[i].numeric();
                if (scannedMoments[i] != null) {
                    numeric[i] = withMoments(numeric[i], scannedMoments[i]);
                } else if (finiteExtremes(extremes, i)) {
                    centred.add(centred(extremes, i, counts[i].median()));
                    centredColumns.add(i);
                }
            }
        }
        List<Integer> eligible = options.interactions()
                ? interactionColumns(interactionCandidate, counts, rowCount) : List.of();
        // the moments scan and the correlations (a streamed pass on SQLite) are independent: one on each connection
        List<ParallelQueries.Query<Object>> scans = List.of(
                c -> ColumnSpread.measure(c, backend, schema, table, centred),
                c -> scannedPairs[0] != null && paired.containsAll(eligible)
                        ? correlations(eligible, extremes, scannedPairs[0], paired)
                        : correlations(c, eligible, extremes));
        List<Object> scanned = parallel.runAll(scans);
        ColumnSpread.Moments[] spread = (ColumnSpread.Moments[]) scanned.get(0);
        double[][] r = (double[][]) scanned.get(1);
        for (int c = 0; c < centredColumns.size(); c++) {
            numeric[centredColumns.get(c)] = withMoments(numeric[centredColumns.get(c)], spread[c]);
        }

        List<ColumnFit> fits = new ArrayList<>();
        TargetStatistics target = targetStatistics();
        for (int i = 0; i < width; i++) {
            ColumnInfo column = columns.get(i);
            if (statistical[i]) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), numeric[i], null, null));
            } else if (FeatureComputer.CATEGORICAL.equals(family[i])) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null,
                        fitCategorical(column, rowCount, counts[i].categories(),
                                target == null ? null : target.sums[i], target == null ? null : target.totals), null));
            } else if (temporal[i]) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null, null,
                        new TemporalFit(extremes.earliest[i] == null ? null : extremes.earliest[i].toString())));
            } else if (FeatureComputer.TEXT.equals(family[i])) {
                fits.add(new ColumnFit(column.name(), family[i], column.storageType(), null, null, null));
            }
        }

        MissingFit missing = null;
        if (options.missingData() && rowCount > 0) {
            List<String> set = new ArrayList<>();
            List<String> indicators = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                double ratio = (double) (rowCount - extremes.nonNull[i]) / rowCount;
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
            for (int x = 0; x < eligible.size(); x++) {
                for (int y = x + 1; y < eligible.size(); y++) {
                    double magnitude = Math.abs(r[x][y]);
                    if (magnitude >= options.interactionMinCorrelation()
                            && magnitude < options.interactionMaxCorrelation()) {
                        interactions.add(new InteractionFit(columns.get(eligible.get(x)).name(),
                                columns.get(eligible.get(y)).name(), r[x][y]));
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

    /** Interaction candidates with enough distinct values to pair: over 1% of the rows and more than two. */
    private List<Integer> interactionColumns(boolean[] candidate, ColumnCounts[] counts, long rowCount)
            throws SQLException {
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!candidate[i]) {
                continue;
            }
            long distinct = counts[i] != null && counts[i].numeric() != null ? counts[i].numeric().distinct()
                    : countDistinct(columns.get(i).name());
            if (rowCount > 0 && (double) distinct / rowCount > 0.01 && distinct > 2) {
                eligible.add(i);
            }
        }
        return eligible;
    }

    /** {@link #correlations(Connection, List, ColumnExtremes)} from the one scan's pair sums of {@code paired}. */
    private static double[][] correlations(List<Integer> eligible, ColumnExtremes extremes, PairSums pairs,
                                           List<Integer> paired) {
        return correlationMatrix(eligible, extremes, (a, b) -> pairs.correlation(paired.indexOf(a),
                paired.indexOf(b)));
    }

    /** Pearson r between the eligible columns (indices into {@link #columns}); NaN for a column with an infinity. */
    private double[][] correlations(Connection connection, List<Integer> eligible, ColumnExtremes extremes)
            throws Exception {
        List<Integer> finite = eligible.stream().filter(i -> finiteExtremes(extremes, i)).toList();
        List<ColumnInfo> measured = finite.stream().map(columns::get).toList();
        List<CenteredValue> centred = finite.stream().map(i -> midrangeCentred(extremes, i)).toList();
        double[][] measuredR = PairCorrelations.measure(connection, backend, schema, table, measured, centred);
        return correlationMatrix(eligible, extremes, (a, b) -> measuredR[finite.indexOf(a)][finite.indexOf(b)]);
    }

    /** Pearson r of two columns (indices into {@link #columns}, the first one earlier), both with finite extremes. */
    @FunctionalInterface
    private interface PairCorrelation {
        double r(int a, int b);
    }

    /** The eligible columns' matrix: [x][y] for x < y where both are finite, NaN everywhere else. */
    private static double[][] correlationMatrix(List<Integer> eligible, ColumnExtremes extremes,
                                                PairCorrelation correlation) {
        double[][] r = new double[eligible.size()][eligible.size()];
        for (int x = 0; x < eligible.size(); x++) {
            java.util.Arrays.fill(r[x], Double.NaN);
            for (int y = x + 1; y < eligible.size(); y++) {
                int a = eligible.get(x);
                int b = eligible.get(y);
                if (finiteExtremes(extremes, a) && finiteExtremes(extremes, b)) {
                    r[x][y] = correlation.r(a, b);
                }
            }
        }
        return r;
    }

    /** Column {@code i} centred on its midrange, as the correlations take it. */
    private CenteredValue midrangeCentred(ColumnExtremes extremes, int i) {
        return centred(extremes, i, extremes.min[i] / 2 + extremes.max[i] / 2);
    }

    /** Column {@code i} centred on {@code shift} (a median for the moments), scaled to its extremes' reach. */
    private CenteredValue centred(ColumnExtremes extremes, int i, double shift) {
        return CenteredValue.of(backend, columns.get(i).name(), columns.get(i).storageType(), shift, extremes.min[i],
                extremes.max[i]);
    }

    /**
     * Target sums per category and fold, or null without target encoding. The fold of a row hashes all of its values
     * ({@link FeatureComputer#foldOf}), so this reads every row in Java.
     */
    private TargetStatistics targetStatistics() throws Exception {
        int width = columns.size();
        int target = -1;
        for (int i = 0; i < width; i++) {
            if (columns.get(i).name().equals(targetColumn)) {
                target = i;
            }
        }
        boolean encodeTarget = options.targetEncoding() && target >= 0
                && (columns.get(target).storageType().isNumeric()
                || columns.get(target).storageType() == ColumnType.BOOLEAN);
        if (!encodeTarget) {
            return null;
        }
        int folds = options.targetEncodingFolds();
        TargetStatistics statistics = new TargetStatistics(width, folds);
        for (int i = 0; i < width; i++) {
            if (FeatureComputer.CATEGORICAL.equals(familyOf(columns.get(i)))) {
                statistics.sums[i] = new HashMap<>();
            }
        }
        Object[] row = new Object[width];
        int targetIndex = target;
        SourceQueries.stream(connection, backend, selectAll(), resultSet -> {
            for (int i = 0; i < width; i++) {
                row[i] = backend.readValue(resultSet, i + 1, columns.get(i).storageType());
            }
            double y = FeatureComputer.number(row[targetIndex]);
            if (Double.isNaN(y)) {
                return;
            }
            int fold = FeatureComputer.foldOf(row, width, folds);
            statistics.totals.add(fold, y);
            for (int i = 0; i < width; i++) {
                Map<String, TargetSums> sums = statistics.sums[i];
                if (sums != null && row[i] != null) {
                    String category = FeatureComputer.categoryText(row[i]);
                    TargetSums categorySums = sums.get(category);
                    if (categorySums == null && sums.size() < MAX_VOCABULARY) {
                        categorySums = new TargetSums(folds);
                        sums.put(category, categorySums);
                    }
                    if (categorySums != null) {
                        categorySums.add(fold, y);
                    }
                }
            }
        });
        return statistics;
    }

    private String selectAll() {
        return "SELECT " + columns.stream().map(c -> backend.quote(c.name())).collect(Collectors.joining(", "))
                + " FROM " + backend.qualified(schema, table);
    }

    /**
     * The column's distinct values with their counts in value order. Measured against a window-function query that
     * returns only the entries quantiles and rank tables read (about 10,000 of a million): the engines' window pass
     * cost more than fetching every group on all three engines, so every group is fetched.
     */
    private SortedValueCounts sortedValueCounts(Connection connection, ColumnInfo column) throws Exception {
        SortedValueCounts sorted = new SortedValueCounts();
        String x = backend.quote(column.name());
        String sql = "SELECT " + x + ", COUNT(*) FROM " + backend.qualified(schema, table) + " WHERE " + x
                + " IS NOT NULL GROUP BY " + x + " ORDER BY " + x;
        ColumnType type = column.storageType();
        SourceQueries.stream(connection, backend, sql, rs -> sorted.add(
                FeatureComputer.number(backend.readValue(rs, 1, type)), rs.getLong(2)));
        return sorted;
    }

    private ColumnCounts numericCounts(Connection connection, ColumnExtremes extremes, int column) throws Exception {
        return numericCounts(sortedValueCounts(connection, columns.get(column)), extremes, column);
    }

    /** A numeric column's fit and median from its value counts, however they were counted. */
    private ColumnCounts numericCounts(SortedValueCounts sorted, ColumnExtremes extremes, int column) {
        return new ColumnCounts(fitDistribution(sorted, extremes, column), sorted.quantile(0.5), null);
    }

    /**
     * Whether numeric columns' value counts come from one scan sorted in the JVM ({@link ScannedValueCounts}) rather
     * than a {@code GROUP BY} each: on PostgreSQL and SQLite, which sort each query on one core; DuckDB's parallel
     * {@code GROUP BY} is faster than sending the rows.
     */
    private boolean sortsInJvm() {
        return backend.kind() != BackendKind.DUCKDB && !Boolean.getBoolean("mdm.features.engineGroupBy");
    }

    private static boolean finiteExtremes(ColumnExtremes extremes, int column) {
        return extremes.numbers[column] > 0 && Double.isFinite(extremes.min[column])
                && Double.isFinite(extremes.max[column]);
    }

    /** A numeric fit with its mean and standard deviation. */
    private static NumericFit withMoments(NumericFit fit, ColumnSpread.Moments moments) {
        return new NumericFit(fit.count(), moments.mean(), moments.std(), fit.min(), fit.max(), fit.allPositive(),
                fit.distinct(), fit.q1(), fit.q3(), fit.equalEdges(), fit.quantileEdges(), fit.ranks(),
                fit.boxcoxLambda());
    }

    /**
     * The fit of a numeric column from its extremes and value counts; mean and standard deviation are NaN until
     * {@link #withMoments} (and stay NaN for a column holding an infinity, where they are undefined).
     */
    private NumericFit fitDistribution(SortedValueCounts sorted, ColumnExtremes extremes, int column) {
        long n = extremes.numbers[column];
        double min = n > 0 ? extremes.min[column] : Double.NaN;
        double max = n > 0 ? extremes.max[column] : Double.NaN;
        boolean allPositive = n > 0 && min > 0;
        double[] equalEdges = null;
        double[] quantileEdges = null;
        int bins = options.bins();
        if (sorted.distinct() > options.binMinDistinct() && max > min) {
            equalEdges = new double[bins + 1];
            double step = (max - min) / bins;
            for (int i = 0; i < bins; i++) {
                equalEdges[i] = min + i * step;
            }
            equalEdges[bins] = max;
            equalEdges[0] -= (max - min) * 0.001;
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
        return new NumericFit(n, Double.NaN, Double.NaN, min, max, allPositive, sorted.distinct(),
                sorted.quantile(0.25), sorted.quantile(0.75), equalEdges, quantileEdges, sorted.rankTable(),
                allPositive ? sorted.boxcoxLambda() : null);
    }

    /** A categorical column's value counts (the first {@link #MAX_VOCABULARY}) and its number of distinct values. */
    private CategoryCounts categoryCounts(Connection connection, ColumnInfo column) throws Exception {
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
        return new CategoryCounts(counts, distinct[0]);
    }

    private CategoricalFit fitCategorical(ColumnInfo column, long rowCount, CategoryCounts categories,
                                          Map<String, TargetSums> targetSums, TargetSums totals) {
        Map<String, Long> counts = categories.counts();
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(counts.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> values = ordered.stream().map(Map.Entry::getKey).toList();
        long[] valueCounts = ordered.stream().mapToLong(Map.Entry::getValue).toArray();
        List<String> oneHot = categories.distinct() <= options.maxOneHotCardinality()
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

    /** What one column's {@code GROUP BY} gives the fit: a numeric fit with its median, or category counts. */
    private record ColumnCounts(NumericFit numeric, double median, CategoryCounts categories) {
    }

    private record CategoryCounts(Map<String, Long> counts, long distinct) {
    }

    /** Target sums of every categorical column by category, and over all rows with a target. */
    private static final class TargetStatistics {
        final Map<String, TargetSums>[] sums;
        final TargetSums totals;

        @SuppressWarnings("unchecked")
        TargetStatistics(int width, int folds) {
            sums = new Map[width];
            totals = new TargetSums(folds);
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
