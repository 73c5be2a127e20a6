package io.nifimdm.core.dataset;

import java.time.Instant;

/**
 * One table of a dataset as its metadata records it.
 *
 * @param sourceTable for a feature table, the data table it was generated from; null for data tables
 */
public record TableInfo(
        String name,
        TableKind kind,
        long rowCount,
        int columnCount,
        String sourceTable,
        Instant createdAt,
        Instant updatedAt) {
}
