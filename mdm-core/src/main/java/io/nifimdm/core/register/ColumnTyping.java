package io.nifimdm.core.register;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.util.List;
import java.util.Map;

/** Storage-type inference and conversion of raw values, as the registrar uses them. */
public interface ColumnTyping {

    /** Storage types of each column from a sample of raw rows; {@code forced} types win. */
    List<ColumnDef> infer(List<String> columnNames, List<Object[]> sample, Map<String, ColumnType> forced);

    /** Converts raw rows to typed rows for these columns. */
    RowConverter converter(List<ColumnDef> columns);

    interface RowConverter {
        /**
         * @param rowNumber 1-based data row number, for messages
         * @throws ColumnTooNarrowException when a value does not fit its column's type
         */
        Object[] convert(Object[] raw, long rowNumber);
    }
}
