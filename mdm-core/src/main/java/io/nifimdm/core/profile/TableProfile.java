package io.nifimdm.core.profile;

import java.util.List;

/** The on-demand figures of one table: per column, correlations between numeric columns, data quality. */
public record TableProfile(
        String table,
        long rowCount,
        List<ColumnProfile> columns,
        CorrelationMatrix correlations,
        DataQuality dataQuality) {

    public TableProfile {
        columns = List.copyOf(columns);
    }

    /** The profile of a column by exact name, or null. */
    public ColumnProfile column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
