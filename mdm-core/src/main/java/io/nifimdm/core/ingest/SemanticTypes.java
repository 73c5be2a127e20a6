package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.SemanticType;

/**
 * The semantic type of a column (spec 2.6, with nifi-mdm's typed dates), decided in this order:
 * <ol>
 * <li>the target column: TARGET;</li>
 * <li>a type the user set (categorical, datetime, numeric, text, or any other {@link SemanticType}): honoured,
 * including for ID-like names;</li>
 * <li>an ID column (by name or named by the user): ID;</li>
 * <li>by storage type: INTEGER/DECIMAL NUMERIC whatever their cardinality (MDM: Titanic's Pclass is numeric),
 * BOOLEAN BINARY (spec 2.7 maps booleans to binary; two-valued numbers and strings are not promoted, as in
 * MDM), DATE/TIMESTAMP DATETIME, TEXT CATEGORICAL when the sample has at most
 * {@link #CATEGORICAL_THRESHOLD} distinct values (an all-missing column included, as MDM), else TEXT.</li>
 * </ol>
 */
public final class SemanticTypes {

    /** MDM's {@code categorical_threshold}. */
    public static final int CATEGORICAL_THRESHOLD = 20;

    private SemanticTypes() {
    }

    /**
     * @param column   the inferred column (storage type and sample distinct count)
     * @param isId     the column is an ID column (name heuristic or user list)
     * @param isTarget the column is the target
     * @param override the type the user set for this column, or null
     */
    public static SemanticType detect(IngestColumn column, boolean isId, boolean isTarget, SemanticType override) {
        if (isTarget) {
            return SemanticType.TARGET;
        }
        if (override != null) {
            return override;
        }
        if (isId) {
            return SemanticType.ID;
        }
        return byStorage(column.type(), column.sampleDistinct());
    }

    /** The rule of step 4 alone. */
    public static SemanticType byStorage(ColumnType type, int sampleDistinct) {
        return switch (type) {
            case INTEGER, DECIMAL -> SemanticType.NUMERIC;
            case BOOLEAN -> SemanticType.BINARY;
            case DATE, TIMESTAMP -> SemanticType.DATETIME;
            case TEXT -> sampleDistinct <= CATEGORICAL_THRESHOLD ? SemanticType.CATEGORICAL : SemanticType.TEXT;
        };
    }
}
