package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.ColumnType;

/** A column of a dataset table: storage type, meaning and role, as the metadata records them. */
public record ColumnInfo(
        String table,
        String name,
        int ordinal,
        ColumnType storageType,
        SemanticType semanticType,
        ColumnRole role) {
}
