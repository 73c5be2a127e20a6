package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to infer storage types.
 *
 * @param sampleRows  rows read to infer types (default 10,000); fewer when the table is very wide, so the sample
 *                    never holds more than {@link #SAMPLE_CELL_BUDGET} values (at least 100 rows)
 * @param forcedTypes column name to storage type chosen by the caller (override or widening); names match
 *                    exactly, else ignoring case
 */
public record InferenceOptions(int sampleRows, Map<String, ColumnType> forcedTypes) {

    public static final int DEFAULT_SAMPLE_ROWS = 10_000;
    public static final long SAMPLE_CELL_BUDGET = 2_000_000;

    public InferenceOptions {
        if (sampleRows < 1) {
            throw new IllegalArgumentException("sampleRows must be at least 1");
        }
        forcedTypes = Map.copyOf(forcedTypes);
    }

    public static InferenceOptions defaults() {
        return new InferenceOptions(DEFAULT_SAMPLE_ROWS, Map.of());
    }

    public InferenceOptions withSampleRows(int rows) {
        return new InferenceOptions(rows, forcedTypes);
    }

    public InferenceOptions withForcedType(String column, ColumnType type) {
        Map<String, ColumnType> forced = new LinkedHashMap<>(forcedTypes);
        forced.put(Objects.requireNonNull(column), Objects.requireNonNull(type));
        return new InferenceOptions(sampleRows, forced);
    }

    public InferenceOptions withForcedTypes(Map<String, ColumnType> types) {
        Map<String, ColumnType> forced = new LinkedHashMap<>(forcedTypes);
        forced.putAll(types);
        return new InferenceOptions(sampleRows, forced);
    }

    /** The options to retry with after a load failed on a value: the column forced to its widened type. */
    public InferenceOptions widen(ValueTypeMismatchException mismatch) {
        return withForcedType(mismatch.column(), mismatch.widenedType());
    }
}
