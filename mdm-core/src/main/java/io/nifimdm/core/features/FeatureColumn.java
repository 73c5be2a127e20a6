package io.nifimdm.core.features;

import io.nifimdm.core.backend.ColumnType;

/** A generated feature column: its name, storage type and the family (or {@code custom}) that makes it. */
public record FeatureColumn(String name, ColumnType type, String family) {
}
