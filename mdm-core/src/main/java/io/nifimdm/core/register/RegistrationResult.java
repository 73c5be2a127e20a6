package io.nifimdm.core.register;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.dataset.ProblemType;

import java.util.List;

/**
 * What a registration did.
 *
 * @param rowsAdded       rows this input added (0 for a duplicate)
 * @param tableRowCount   rows in the table afterwards
 * @param duplicate       the input's ingest id was already in the ingest log: nothing was loaded
 * @param widenedColumns  columns whose type the sample guessed too narrow, widened on a second read
 * @param transitUri      provenance URI of the table
 */
public record RegistrationResult(
        String dataset,
        String table,
        String backend,
        RegistrationMode mode,
        long rowsAdded,
        long tableRowCount,
        List<ColumnDef> columns,
        String targetColumn,
        List<String> idColumns,
        ProblemType problemType,
        boolean duplicate,
        boolean datasetCreated,
        List<String> widenedColumns,
        String transitUri,
        long durationMillis) {
}
