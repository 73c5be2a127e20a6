package io.nifimdm.core.register;

import io.nifimdm.core.backend.ColumnType;

/** How storage types combine when values of two types must live in one column. */
final class StorageTypes {

    private StorageTypes() {
    }

    /**
     * The narrowest type that holds every value of both: INTEGER and DECIMAL give DECIMAL, DATE and TIMESTAMP give
     * TIMESTAMP, anything else that differs gives TEXT (a boolean is never silently turned into a number).
     */
    static ColumnType wider(ColumnType a, ColumnType b) {
        if (a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return ColumnType.DECIMAL;
        }
        if (a.isTemporal() && b.isTemporal()) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }
}
