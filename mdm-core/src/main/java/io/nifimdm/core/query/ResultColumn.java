package io.nifimdm.core.query;

import io.nifimdm.core.backend.ColumnType;

/** A column of a query result: its name and the storage type its values have (the Java type ColumnType promises). */
public record ResultColumn(String name, ColumnType type) {
}
