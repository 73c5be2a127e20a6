package io.nifimdm.core.dataset;

import java.util.List;

/** What the catalog lists for one dataset: its record and its tables with row counts. */
public record DatasetSummary(DatasetInfo info, List<TableInfo> tables) {

    public DatasetSummary {
        tables = List.copyOf(tables);
    }

    /** Rows of the data tables (feature tables are row-aligned copies and not counted). */
    public long dataRowCount() {
        return tables.stream().filter(t -> t.kind() == TableKind.DATA).mapToLong(TableInfo::rowCount).sum();
    }
}
