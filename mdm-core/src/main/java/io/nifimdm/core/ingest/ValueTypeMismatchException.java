package io.nifimdm.core.ingest;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnType;

/**
 * A value does not fit the storage type its column was given. Not an input error unless the type was forced by
 * the user ({@link #forced()}): roll back, retry with {@link InferenceOptions#widen(ValueTypeMismatchException)}
 * and load again from the beginning, so no value is lost because the sample guessed too narrow.
 */
public class ValueTypeMismatchException extends MdmException {

    private static final int MAX_VALUE_IN_MESSAGE = 100;

    private final String column;
    private final long rowNumber;
    private final String value;
    private final ColumnType currentType;
    private final ColumnType widenedType;
    private final boolean forced;

    public ValueTypeMismatchException(String column, long rowNumber, String value, ColumnType currentType,
                                      ColumnType widenedType, boolean forced) {
        super("Column '" + column + "': the value '" + shorten(value) + "' in data row " + rowNumber
                + " is not " + article(currentType) + (forced ? " (the type set for this column)" : "")
                + "; the narrowest type that holds it and the earlier values is " + widenedType);
        this.column = column;
        this.rowNumber = rowNumber;
        this.value = value;
        this.currentType = currentType;
        this.widenedType = widenedType;
        this.forced = forced;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_IN_MESSAGE ? value : value.substring(0, MAX_VALUE_IN_MESSAGE) + "...";
    }

    private static String article(ColumnType type) {
        return (type == ColumnType.INTEGER ? "an " : "a ") + type;
    }

    public String column() {
        return column;
    }

    /** 1-based data row (the header is not counted). */
    public long rowNumber() {
        return rowNumber;
    }

    public String value() {
        return value;
    }

    public ColumnType currentType() {
        return currentType;
    }

    /** The type to retry with: the narrowest that holds this value and everything the column held before. */
    public ColumnType widenedType() {
        return widenedType;
    }

    /** The caller forced the column's type; widening would overrule the user, so treat it as bad input. */
    public boolean forced() {
        return forced;
    }
}
