package io.nifimdm.core.export;

/**
 * Told how many rows of the table being exported are written so far: every {@link #INTERVAL_ROWS} rows while rows
 * stream through our writers, and once with the total when a table is done (the engines' native writers report only
 * that). Called on the exporting thread; keep it cheap.
 */
@FunctionalInterface
public interface ExportProgress {

    int INTERVAL_ROWS = 65_536;

    ExportProgress NONE = rows -> {
    };

    void rowsWritten(long rows);
}
