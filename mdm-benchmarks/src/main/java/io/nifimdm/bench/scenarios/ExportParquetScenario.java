package io.nifimdm.bench.scenarios;

import io.nifimdm.nifi.processors.ExportCompressionValue;
import io.nifimdm.nifi.processors.ExportFormatValue;

/** ExportDataset to Parquet with snappy pages. Targets at 1,000,000 x 12: DuckDB 2 s, SQLite and PostgreSQL 5 s. */
public final class ExportParquetScenario extends ExportDatasetScenario {

    public ExportParquetScenario() {
        super("export-parquet", ExportFormatValue.PARQUET, ExportCompressionValue.SNAPPY);
    }
}
