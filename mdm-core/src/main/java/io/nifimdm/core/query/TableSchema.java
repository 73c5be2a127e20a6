package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table's real columns in table order, used to validate every name a query mentions. */
public record TableSchema(String table, List<ResultColumn> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    public Map<String, ResultColumn> byName() {
        Map<String, ResultColumn> map = new LinkedHashMap<>();
        for (ResultColumn column : columns) {
            map.put(column.name(), column);
        }
        return map;
    }

    /** The column of that exact name. @throws MdmException naming the table and what it has */
    public ResultColumn column(String name) {
        for (ResultColumn column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        StringBuilder known = new StringBuilder();
        for (int i = 0; i < columns.size() && i < 30; i++) {
            known.append(i == 0 ? "" : ", ").append(columns.get(i).name());
        }
        if (columns.size() > 30) {
            known.append(", ... (").append(columns.size()).append(" columns)");
        }
        throw new MdmException("Unknown column '" + name + "' in table '" + table + "' (columns: " + known + ")");
    }
}
