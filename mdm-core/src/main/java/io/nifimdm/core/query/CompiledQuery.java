package io.nifimdm.core.query;

import java.util.List;

/**
 * SQL ready to run: identifiers quoted, every user value a {@code ?} parameter in {@link #parameters()}, and the result
 * columns with their storage types. {@link #sql()} carries no user values, so it is safe to log and to show.
 */
public record CompiledQuery(String sql, List<Object> parameters, List<ResultColumn> columns) {

    public CompiledQuery {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        columns = List.copyOf(columns);
    }
}
