package io.nifimdm.core.ingest;

import io.nifimdm.core.dataset.ProblemType;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The problem type from the target column (spec 2.4), rules applied in order:
 * <ol>
 * <li>the name contains price, cost, amount, value, score, rating, count, quantity, sales, revenue, profit,
 * temperature, weight, height, age or salary: regression;</li>
 * <li>n = 2 distinct non-null values: binary;</li>
 * <li>n &lt; 20 and n &lt; 10% of the sample size: multiclass;</li>
 * <li>the first 100 non-null values all strings or booleans: multiclass when n &lt;= 20, else none;</li>
 * <li>all numbers: values within {0, 1} binary; all integral with at most 20 distinct among them multiclass;
 * else regression;</li>
 * <li>mixed: multiclass when the name contains class, category, type, label, target, is_, has_, flag, binary or
 * status, else none.</li>
 * </ol>
 * The sample is the first 1,000 values of the target as the storage types give them (Long, Double, Boolean,
 * String, dates; nulls count in the sample size, as pandas' length does). No non-null value: none.
 */
public final class ProblemTypeInference {

    public static final int SAMPLE_SIZE = 1000;

    private static final List<String> REGRESSION_WORDS = List.of("price", "cost", "amount", "value", "score",
            "rating", "count", "quantity", "sales", "revenue", "profit", "temperature", "weight", "height", "age",
            "salary");
    private static final List<String> CLASS_WORDS = List.of("class", "category", "type", "label", "target", "is_",
            "has_", "flag", "binary", "status");

    private ProblemTypeInference() {
    }

    /** @return the inferred type, or null when the rules give none */
    public static ProblemType infer(String targetName, List<?> sample) {
        String name = targetName.toLowerCase(Locale.ROOT);
        if (containsAny(name, REGRESSION_WORDS)) {
            return ProblemType.REGRESSION;
        }
        List<?> values = sample.size() > SAMPLE_SIZE ? sample.subList(0, SAMPLE_SIZE) : sample;
        Set<Object> distinct = new HashSet<>();
        List<Object> first100 = new java.util.ArrayList<>(100);
        for (Object v : values) {
            if (v != null) {
                distinct.add(normalizeNumber(v));
                if (first100.size() < 100) {
                    first100.add(v);
                }
            }
        }
        int n = distinct.size();
        if (n == 0) {
            return null;
        }
        if (n == 2) {
            return ProblemType.BINARY_CLASSIFICATION;
        }
        if (n < 20 && n < 0.1 * values.size()) {
            return ProblemType.MULTICLASS_CLASSIFICATION;
        }
        boolean allText = true;
        boolean allNumeric = true;
        for (Object v : first100) {
            boolean text = v instanceof String || v instanceof Boolean;
            boolean number = v instanceof Number;
            allText &= text;
            allNumeric &= number;
        }
        if (allText) {
            return n <= 20 ? ProblemType.MULTICLASS_CLASSIFICATION : null;
        }
        if (allNumeric) {
            boolean zeroOne = true;
            boolean integral = true;
            Set<Double> distinctHead = new HashSet<>();
            for (Object v : first100) {
                double d = ((Number) v).doubleValue();
                zeroOne &= d == 0.0 || d == 1.0;
                integral &= Double.isFinite(d) && d == Math.rint(d);
                distinctHead.add(d);
            }
            if (zeroOne) {
                return ProblemType.BINARY_CLASSIFICATION;
            }
            if (integral && distinctHead.size() <= 20) {
                return ProblemType.MULTICLASS_CLASSIFICATION;
            }
            return ProblemType.REGRESSION;
        }
        return containsAny(name, CLASS_WORDS) ? ProblemType.MULTICLASS_CLASSIFICATION : null;
    }

    /** 1 and 1.0 are one value, as in pandas' nunique over a numeric column. */
    private static Object normalizeNumber(Object v) {
        return v instanceof Number number && !(v instanceof Double) ? (Object) number.doubleValue() : v;
    }

    private static boolean containsAny(String name, List<String> words) {
        for (String w : words) {
            if (name.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
