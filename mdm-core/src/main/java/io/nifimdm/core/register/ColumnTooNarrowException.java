package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnType;

/** A value that does not fit the type its column was given; the column must become {@link #widerType()}. */
public class ColumnTooNarrowException extends MdmException {

    private final String column;
    private final ColumnType widerType;

    public ColumnTooNarrowException(String column, long rowNumber, Object value, ColumnType currentType,
                                    ColumnType widerType) {
        super("Value '" + abbreviate(value) + "' in row " + rowNumber + " of column '" + column + "' is not "
                + currentType.name().toLowerCase(java.util.Locale.ROOT));
        this.column = column;
        this.widerType = widerType;
    }

    public String column() {
        return column;
    }

    public ColumnType widerType() {
        return widerType;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
