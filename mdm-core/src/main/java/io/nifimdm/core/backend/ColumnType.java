package io.nifimdm.core.backend;

/**
 * Storage type of a dataset column, independent of the engine. Each backend maps these to its own
 * SQL types. The Java value a {@link RowSink} accepts and a reader returns for each type is fixed:
 * INTEGER {@link Long}, DECIMAL {@link Double}, BOOLEAN {@link Boolean}, DATE {@link java.time.LocalDate},
 * TIMESTAMP {@link java.time.LocalDateTime}, TEXT {@link String}; null is always allowed.
 * Declared in widening order: a column that does not fit its type widens towards TEXT.
 */
public enum ColumnType {
    BOOLEAN(Boolean.class),
    INTEGER(Long.class),
    DECIMAL(Double.class),
    DATE(java.time.LocalDate.class),
    TIMESTAMP(java.time.LocalDateTime.class),
    TEXT(String.class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }
}
