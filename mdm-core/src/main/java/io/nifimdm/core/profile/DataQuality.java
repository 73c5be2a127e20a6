package io.nifimdm.core.profile;

import java.util.List;

/**
 * Table-level quality figures, all exact.
 *
 * @param completeness non-missing cells / cells, 0..1 (1 for an empty table)
 * @param duplicateRows rows equal in every column to an earlier row (pandas {@code duplicated().sum()}; nulls equal)
 * @param duplicatePercentage duplicateRows / rows, 0..100
 * @param nearUniqueColumns columns whose distinct ratio is above nearUniqueThreshold, in table order
 */
public record DataQuality(
        long totalCells,
        long missingCells,
        double completeness,
        long duplicateRows,
        double duplicatePercentage,
        double nearUniqueThreshold,
        List<String> nearUniqueColumns) {
}
