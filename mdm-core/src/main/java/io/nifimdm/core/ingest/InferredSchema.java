package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnDef;

import java.util.List;

/**
 * The result of {@link TypeInference#infer(TabularReader, InferenceOptions)}: the columns, and the sampled raw rows,
 * which were consumed from the reader and must be converted and loaded before the reader's remaining rows.
 */
public record InferredSchema(List<IngestColumn> columns, List<Object[]> sampleRows) {

    public InferredSchema {
        columns = List.copyOf(columns);
        sampleRows = List.copyOf(sampleRows);
    }

    public List<ColumnDef> columnDefs() {
        return columns.stream().map(IngestColumn::def).toList();
    }

    /** A converter for these columns, counting rows from 1. */
    public RowConverter converter() {
        return new RowConverter(columns);
    }
}
