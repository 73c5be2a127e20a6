package io.nifimdm.core.features;

import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.features.FeaturePlan.CategoricalFit;
import io.nifimdm.core.features.FeaturePlan.ColumnFit;
import io.nifimdm.core.features.FeaturePlan.CustomFit;
import io.nifimdm.core.features.FeaturePlan.InteractionFit;
import io.nifimdm.core.features.FeaturePlan.MissingFit;
import io.nifimdm.core.features.FeaturePlan.NumericFit;
import io.nifimdm.core.features.FeaturePlan.TargetFit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every candidate feature of a plan for one row of one table, with the fit table's statistics. A source
 * column absent from the table gives nulls for its features. Values are the Java types {@link ColumnType} promises;
 * null where a formula is undefined (null input, log of a value at or below -1 on a table other than the fit table).
 */
final class FeatureComputer {

    static final String STATISTICAL = "statistical";
    static final String CATEGORICAL = "categorical";
    static final String TEMPORAL = "temporal";
    static final String TEXT = "text";
    static final String MISSING = "missing";
    /** Missing patterns whose id one computer remembers; beyond, ids are hashed per row (bounded memory). */
    private static final int MAX_CACHED_PATTERNS = 4_096;
    static final String INTERACTION = "interaction";
    static final String CUSTOM = "custom";

    private interface Group {
        void compute(Object[] row, long ordinal, Object[] out);
    }

    private final List<FeatureColumn> columns = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final int sourceWidth;
    private final BitSet needed;

    /**
     * @param sourceIndex position in the row of each source column present in the table
     * @param customIndex position in the row of each custom expression that compiles on the table
     * @param fitTable    whether the rows come from the fit table (target encoding is then out-of-fold)
     */
    FeatureComputer(FeaturePlan plan, Map<String, Integer> sourceIndex, Map<String, Integer> customIndex,
                    boolean fitTable) {
        this(plan, sourceIndex, customIndex, fitTable, null);
    }

    /**
     * A computer that fills only the {@code needed} entries of {@link #columns()} (null: all), leaving the others
     * null: a build needs the kept features only, and a group none of whose features is kept costs nothing.
     */
    FeatureComputer(FeaturePlan plan, Map<String, Integer> sourceIndex, Map<String, Integer> customIndex,
                    boolean fitTable, BitSet needed) {
        this.needed = needed;
        this.sourceWidth = sourceIndex.size();
        FeatureOptions options = plan.options();
        for (ColumnFit fit : plan.columns()) {
            int index = sourceIndex.getOrDefault(fit.name(), -1);
            switch (fit.family()) {
                case STATISTICAL -> addStatistical(fit.name(), fit.numeric(), options, index);
                case CATEGORICAL -> addCategorical(fit.name(), fit.categorical(), options, index, fitTable);
                case TEMPORAL -> addTemporal(fit, options, index);
                case TEXT -> addText(fit.name(), index);
                default -> throw new IllegalStateException("unknown family " + fit.family());
            }
        }
        if (plan.missing() != null && !plan.missing().columns().isEmpty()) {
            addMissing(plan.missing(), sourceIndex);
        }
        for (InteractionFit pair : plan.interactions()) {
            addInteraction(pair, sourceIndex.getOrDefault(pair.a(), -1), sourceIndex.getOrDefault(pair.b(), -1));
        }
        for (CustomFit custom : plan.custom()) {
            int offset = columns.size();
            int index = customIndex.getOrDefault(custom.name(), -1);
            ColumnType type = custom.type();
            columns.add(new FeatureColumn(custom.name(), type, CUSTOM));
            group(offset, (row, ordinal, out) -> out[offset] = index < 0 ? null : convert(row[index], type));
        }
    }

    List<FeatureColumn> columns() {
        return columns;
    }

    /** Fills {@code out} (one slot per {@link #columns()} entry) for {@code row}; {@code ordinal} counts from 0. */
    void compute(Object[] row, long ordinal, Object[] out) {
        for (Group group : groups) {
            group.compute(row, ordinal, out);
        }
    }

    private int add(String name, ColumnType type, String family) {
        columns.add(new FeatureColumn(name, type, family));
        return columns.size() - 1;
    }

    private boolean needed(int column) {
        return needed == null || needed.get(column);
    }

    /** Registers the group that fills the columns from {@code first} to the last added, unless none is needed. */
    private void group(int first, Group group) {
        int next = needed == null ? first : needed.nextSetBit(first);
        if (next >= 0 && next < columns.size()) {
            groups.add(group);
        }
    }

    private void addStatistical(String x, NumericFit f, FeatureOptions options, int index) {
        if (f == null || f.count() == 0) {
            return;
        }
        List<java.util.function.DoubleFunction<Object>> formulas = new ArrayList<>();
        int first = columns.size();
        double mean = f.mean();
        double std = f.std();
        if (f.allPositive()) {
            add(x + "_log", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> v > -1 ? Math.log1p(v) : null);
        }
        if (std > 0) {
            add(x + "_zscore", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> (v - mean) / std);
        }
        RankLookup ranks = new RankLookup(f.ranks());
        add(x + "_percentile", ColumnType.DECIMAL, STATISTICAL);
        formulas.add(ranks::percentile);
        double iqr = f.q3() - f.q1();
        double low = f.q1() - 1.5 * iqr;
        double high = f.q3() + 1.5 * iqr;
        add(x + "_is_outlier", ColumnType.BOOLEAN, STATISTICAL);
        formulas.add(v -> v < low || v > high);
        if (f.equalEdges() != null) {
            double[] edges = f.equalEdges();
            add(x + "_bin_equal", ColumnType.INTEGER, STATISTICAL);
            formulas.add(v -> bin(edges, v));
        }
        if (f.quantileEdges() != null) {
            double[] edges = f.quantileEdges();
            add(x + "_bin_quantile", ColumnType.INTEGER, STATISTICAL);
            formulas.add(v -> bin(edges, v));
        }
        if (f.allPositive()) {
            add(x + "_sqrt", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> v >= 0 ? Math.sqrt(v) : null);
            double lambda = f.boxcoxLambda();
            add(x + "_boxcox", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> v > 0 ? BoxCox.transform(v, lambda) : null);
        }
        if (mean != 0) {
            add(x + "_div_mean", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> v / mean);
        }
        if (options.squared()) {
            add(x + "_squared", ColumnType.DECIMAL, STATISTICAL);
            formulas.add(v -> v * v);
        }
        if (options.zscoreOutliers() && std > 0) {
            double threshold = options.zscoreOutlierThreshold();
            add(x + "_is_outlier_zscore", ColumnType.BOOLEAN, STATISTICAL);
            formulas.add(v -> Math.abs((v - mean) / std) > threshold);
        }
        List<java.util.function.DoubleFunction<Object>> neededFormulas = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (int i = 0; i < formulas.size(); i++) {
            if (needed(first + i)) {
                neededFormulas.add(formulas.get(i));
                outputs.add(first + i);
            }
        }
        @SuppressWarnings("unchecked")
        java.util.function.DoubleFunction<Object>[] fs = neededFormulas.toArray(new java.util.function.DoubleFunction[0]);
        int[] at = outputs.stream().mapToInt(Integer::intValue).toArray();
        group(first, (row, ordinal, out) -> {
            double v = index < 0 ? Double.NaN : number(row[index]);
            for (int i = 0; i < fs.length; i++) {
                out[at[i]] = Double.isNaN(v) ? null : finite(fs[i].apply(v));
            }
        });
    }

    /** 0-based bin of {@code v} over right-closed intervals between {@code edges}; values outside go to the end bins. */
    static long bin(double[] edges, double v) {
        int last = edges.length - 1;
        int lo = 1;
        int hi = last;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= edges[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo - 1;
    }

    private void addCategorical(String x, CategoricalFit f, FeatureOptions options, int index, boolean fitTable) {
        if (f == null) {
            return;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < f.values().size(); i++) {
            position.put(f.values().get(i), i);
        }
        long rows = f.rows();
        double rareBelow = options.rareThreshold() * rows;
        int frequency = add(x + "_frequency", ColumnType.INTEGER, CATEGORICAL);
        add(x + "_frequency_ratio", ColumnType.DECIMAL, CATEGORICAL);
        int firstOneHot = columns.size();
        Map<String, Integer> oneHot = new HashMap<>();
        for (String value : f.oneHot()) {
            oneHot.put(value, add(x + "_" + value, ColumnType.BOOLEAN, CATEGORICAL) - firstOneHot);
        }
        int oneHotCount = f.oneHot().size();
        int rare = add(x + "_is_rare", ColumnType.BOOLEAN, CATEGORICAL);
        int chars = f.stringValued() ? add(x + "_nunique_chars", ColumnType.INTEGER, CATEGORICAL) : -1;
        TargetFit target = f.target();
        int targetMean = target != null ? add(x + "_target_mean", ColumnType.DECIMAL, CATEGORICAL) : -1;
        group(frequency, (row, ordinal, out) -> {
            Object raw = index < 0 ? null : row[index];
            String value = raw == null ? null : categoryText(raw);
            for (int i = 0; i < oneHotCount; i++) {
                out[firstOneHot + i] = index < 0 ? null : Boolean.FALSE;
            }
            if (value == null) {
                out[frequency] = null;
                out[frequency + 1] = null;
                out[rare] = null;
            } else {
                Integer at = position.get(value);
                long count = at == null ? 0 : f.counts()[at];
                out[frequency] = count;
                out[frequency + 1] = rows == 0 ? null : (double) count / rows;
                out[rare] = count < rareBelow;
                Integer hot = oneHot.get(value);
                if (hot != null) {
                    out[firstOneHot + hot] = Boolean.TRUE;
                }
            }
            if (chars >= 0) {
                out[chars] = index < 0 ? null : (long) (value == null ? 0 : value.codePointCount(0, value.length()));
            }
            if (targetMean >= 0) {
                out[targetMean] = index < 0 ? null : targetMean(target, value == null ? null : position.get(value),
                        fitTable ? foldOf(row, sourceWidth, target.folds()) : -1);
            }
        });
    }

    /**
     * The fold of a fit-table row, from a hash of its source values rather than its position, so the fit pass and the
     * build pass agree even when the engine returns rows in another order (PostgreSQL's synchronised scans).
     */
    static int foldOf(Object[] row, int width, int folds) {
        int hash = 1;
        for (int i = 0; i < width; i++) {
            hash = 31 * hash + java.util.Objects.hashCode(row[i]);
        }
        hash ^= hash >>> 16;
        return Math.floorMod(hash * 0x9E3779B1, folds);
    }

    /** Mean target of the category: of the other folds on the fit table, of all fit rows elsewhere; prior if unseen. */
    private static Double targetMean(TargetFit t, Integer category, int fold) {
        if (fold < 0) {
            if (category == null || t.counts()[category] == 0) {
                return finite(t.prior());
            }
            return t.sums()[category] / t.counts()[category];
        }
        double prior = t.foldPriors()[fold];
        if (category == null) {
            return finite(prior);
        }
        long count = t.counts()[category] - t.foldCounts()[category][fold];
        if (count == 0) {
            return finite(prior);
        }
        return (t.sums()[category] - t.foldSums()[category][fold]) / count;
    }

    static String categoryText(Object value) {
        return value instanceof String s ? s : String.valueOf(value);
    }

    private void addTemporal(ColumnFit fit, FeatureOptions options, int index) {
        String x = fit.name();
        int first = columns.size();
        for (String suffix : List.of("year", "month", "day", "dayofweek", "hour")) {
            add(x + "_" + suffix, ColumnType.INTEGER, TEMPORAL);
        }
        for (String suffix : List.of("is_weekend", "is_month_start", "is_month_end")) {
            add(x + "_" + suffix, ColumnType.BOOLEAN, TEMPORAL);
        }
        for (String suffix : List.of("month_sin", "month_cos", "hour_sin", "hour_cos")) {
            add(x + "_" + suffix, ColumnType.DECIMAL, TEMPORAL);
        }
        LocalDateTime start = fit.temporal() == null || fit.temporal().start() == null ? null
                : LocalDateTime.parse(fit.temporal().start());
        int daysSince = start == null ? -1 : add(x + "_days_since_start", ColumnType.INTEGER, TEMPORAL);
        long startDay = start == null ? 0 : start.toLocalDate().toEpochDay();
        int startSecond = start == null ? 0 : start.toLocalTime().toSecondOfDay();
        int startNano = start == null ? 0 : start.getNano();
        int quarter = options.quarter() ? add(x + "_quarter", ColumnType.INTEGER, TEMPORAL) : -1;
        int dayCycle = options.cyclicalDay() ? add(x + "_dayofweek_sin", ColumnType.DECIMAL, TEMPORAL) : -1;
        if (dayCycle >= 0) {
            add(x + "_dayofweek_cos", ColumnType.DECIMAL, TEMPORAL);
        }
        int last = columns.size();
        group(first, (row, ordinal, out) -> {
            LocalDateTime t = index < 0 ? null : dateTime(row[index]);
            if (t == null) {
                for (int i = first; i < last; i++) {
                    out[i] = null;
                }
                return;
            }
            int month = t.getMonthValue();
            int hour = t.getHour();
            int dayOfWeek = t.getDayOfWeek().getValue() - 1;
            int o = first;
            out[o++] = (long) t.getYear();
            out[o++] = (long) month;
            out[o++] = (long) t.getDayOfMonth();
            out[o++] = (long) dayOfWeek;
            out[o++] = (long) hour;
            out[o++] = dayOfWeek >= 5;
            out[o++] = t.getDayOfMonth() == 1;
            out[o++] = t.getDayOfMonth() == t.toLocalDate().lengthOfMonth();
            out[o++] = Math.sin(2 * Math.PI * month / 12);
            out[o++] = Math.cos(2 * Math.PI * month / 12);
            out[o++] = Math.sin(2 * Math.PI * hour / 24);
            out[o] = Math.cos(2 * Math.PI * hour / 24);
            if (daysSince >= 0) {
                // whole days, floored as pandas' Timedelta.days: 0.5 s before the start is day -1
                long seconds = (t.toLocalDate().toEpochDay() - startDay) * 86_400L
                        + (t.toLocalTime().toSecondOfDay() - startSecond);
                if (t.getNano() < startNano) {
                    seconds--;
                }
                out[daysSince] = Math.floorDiv(seconds, 86_400L);
            }
            if (quarter >= 0) {
                out[quarter] = (long) ((month - 1) / 3 + 1);
            }
            if (dayCycle >= 0) {
                out[dayCycle] = Math.sin(2 * Math.PI * dayOfWeek / 7);
                out[dayCycle + 1] = Math.cos(2 * Math.PI * dayOfWeek / 7);
            }
        });
    }

    static LocalDateTime dateTime(Object value) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        return null;
    }

    private void addText(String x, int index) {
        int first = columns.size();
        for (int i = 0; i < TextFeatures.SUFFIXES.size(); i++) {
            add(x + "_" + TextFeatures.SUFFIXES.get(i), TextFeatures.TYPES.get(i), TEXT);
        }
        int last = columns.size();
        group(first, (row, ordinal, out) -> {
            if (index < 0) {
                for (int i = first; i < last; i++) {
                    out[i] = null;
                }
                return;
            }
            Object value = row[index];
            TextFeatures.compute(value == null ? null : categoryText(value), out, first);
        });
    }

    private void addMissing(MissingFit fit, Map<String, Integer> sourceIndex) {
        List<String> set = fit.columns();
        int[] setIndex = set.stream().mapToInt(c -> sourceIndex.getOrDefault(c, -1)).toArray();
        int[] indicatorIndex = fit.indicators().stream().mapToInt(c -> sourceIndex.getOrDefault(c, -1)).toArray();
        int first = columns.size();
        for (String column : fit.indicators()) {
            add(column + "_is_missing", ColumnType.BOOLEAN, MISSING);
        }
        int total = add("total_missing_count", ColumnType.INTEGER, MISSING);
        add("missing_ratio", ColumnType.DECIMAL, MISSING);
        add("max_consecutive_missing", ColumnType.INTEGER, MISSING);
        add("missing_pattern_id", ColumnType.INTEGER, MISSING);
        List<String> pairs = fit.pairs();
        List<int[]> pairIndex = new ArrayList<>();
        for (int a = 0; a < pairs.size(); a++) {
            for (int b = a + 1; b < pairs.size(); b++) {
                add("missing_together_" + pairs.get(a) + "_" + pairs.get(b), ColumnType.BOOLEAN, MISSING);
                pairIndex.add(new int[] {sourceIndex.getOrDefault(pairs.get(a), -1),
                        sourceIndex.getOrDefault(pairs.get(b), -1)});
            }
        }
        int firstPair = total + 4;
        char[] pattern = new char[set.size()];
        MessageDigest md5 = md5();
        boolean patternNeeded = needed(total + 3);
        // a table has few missing patterns: each one's id is hashed once, then found by its bits
        boolean cacheable = setIndex.length < Long.SIZE;
        Map<Long, Long> patternIds = new HashMap<>();
        group(first, (row, ordinal, out) -> {
            for (int i = 0; i < indicatorIndex.length; i++) {
                out[first + i] = indicatorIndex[i] < 0 ? null : row[indicatorIndex[i]] == null;
            }
            long missing = 0;
            long run = 0;
            long longest = 0;
            long bits = 0;
            for (int i = 0; i < setIndex.length; i++) {
                // a column absent from the table is not missing data of its rows
                boolean isMissing = setIndex[i] >= 0 && row[setIndex[i]] == null;
                pattern[i] = isMissing ? '1' : '0';
                if (isMissing) {
                    bits |= 1L << i;
                    missing++;
                    run++;
                    longest = Math.max(longest, run);
                } else {
                    run = 0;
                }
            }
            out[total] = missing;
            out[total + 1] = (double) missing / setIndex.length;
            out[total + 2] = longest;
            if (patternNeeded) {
                Long id = cacheable ? patternIds.get(bits) : null;
                if (id == null) {
                    byte[] digest = md5.digest(new String(pattern).getBytes(StandardCharsets.US_ASCII));
                    id = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16)
                            | ((digest[2] & 0xFFL) << 8) | (digest[3] & 0xFFL);
                    if (cacheable && patternIds.size() < MAX_CACHED_PATTERNS) {
                        patternIds.put(bits, id);
                    }
                }
                out[total + 3] = id;
            }
            for (int p = 0; p < pairIndex.size(); p++) {
                int[] ab = pairIndex.get(p);
                out[firstPair + p] = ab[0] < 0 || ab[1] < 0 ? null : row[ab[0]] == null && row[ab[1]] == null;
            }
        });
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private void addInteraction(InteractionFit pair, int a, int b) {
        String prefix = pair.a() + "_";
        int first = add(prefix + "plus_" + pair.b(), ColumnType.DECIMAL, INTERACTION);
        add(prefix + "minus_" + pair.b(), ColumnType.DECIMAL, INTERACTION);
        add(prefix + "times_" + pair.b(), ColumnType.DECIMAL, INTERACTION);
        add(prefix + "div_" + pair.b(), ColumnType.DECIMAL, INTERACTION);
        group(first, (row, ordinal, out) -> {
            double x = a < 0 ? Double.NaN : number(row[a]);
            double y = b < 0 ? Double.NaN : number(row[b]);
            boolean undefined = Double.isNaN(x) || Double.isNaN(y);
            out[first] = undefined ? null : finite(x + y);
            out[first + 1] = undefined ? null : finite(x - y);
            out[first + 2] = undefined ? null : finite(x * y);
            out[first + 3] = undefined ? null : y == 0 ? Double.valueOf(0.0) : finite(x / y); // boxed: a 0.0 literal would unbox an overflow's null
        });
    }

    /** A numeric value as double, NaN for null; booleans count 1 and 0. */
    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.NaN;
    }

    private static Object finite(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return value;
    }

    private static Double finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    static Object convert(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> value instanceof Boolean b ? b : number(value) != 0;
            case INTEGER -> value instanceof Number n ? (Object) n.longValue() : null;
            case DECIMAL -> value instanceof Number n ? finite(n.doubleValue()) : null;
            default -> value.toString();
        };
    }
}
