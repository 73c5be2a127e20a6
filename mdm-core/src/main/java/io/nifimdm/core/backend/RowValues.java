package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Checks a row value against its column's storage type, with an error that names the column. */
final class RowValues {

    private RowValues() {
    }

    static long asLong(Object value, ColumnDef column) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(value, column);
    }

    static double asDouble(Object value, ColumnDef column) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(value, column);
    }

    static boolean asBoolean(Object value, ColumnDef column) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(value, column);
    }

    static LocalDate asDate(Object value, ColumnDef column) {
        if (value instanceof LocalDate d) {
            return d;
        }
        throw wrongType(value, column);
    }

    static LocalDateTime asTimestamp(Object value, ColumnDef column) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        throw wrongType(value, column);
    }

    static String asText(Object value, ColumnDef column) {
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(value, column);
    }

    static void checkWidth(Object[] row, List<ColumnDef> columns) {
        if (row.length != columns.size()) {
            throw new MdmException("Row has " + row.length + " values but the table has " + columns.size()
                    + " columns");
        }
    }

    private static MdmException wrongType(Object value, ColumnDef column) {
        return new MdmException("Column '" + column.name() + "' of type " + column.type() + " expects a "
                + column.type().javaType().getSimpleName() + " but got a " + value.getClass().getSimpleName()
                + " (" + value + ")");
    }
}
