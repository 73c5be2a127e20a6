package io.nifimdm.bench.scenarios;

import io.nifimdm.nifi.processors.ExportCompressionValue;
import io.nifimdm.nifi.processors.ExportFormatValue;

/**
 * ExportDataset to uncompressed CSV with a header. Targets at 1,000,000 x 12: DuckDB 2 s, PostgreSQL 2.5 s,
 * SQLite 4 s.
 */
public final class ExportCsvScenario extends ExportDatasetScenario {

    public ExportCsvScenario() {
        super("export-csv", ExportFormatValue.CSV, ExportCompressionValue.NONE);
    }
}
