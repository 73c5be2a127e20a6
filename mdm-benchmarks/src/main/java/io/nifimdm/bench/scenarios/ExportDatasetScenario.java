package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.nifi.processors.ExportCompressionValue;
import io.nifimdm.nifi.processors.ExportDataset;
import io.nifimdm.nifi.processors.ExportFormatValue;
import io.nifimdm.nifi.processors.ExportTablesValue;
import io.nifimdm.nifi.processors.MdmAttributes;
import org.apache.nifi.util.MockFlowFile;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The ExportDataset processor end to end: the generated table (registered untimed in {@link #prepare}) exported
 * into the content of one FlowFile, without the metadata FlowFile. Under TestRunner a FlowFile's content lives in
 * the heap (MockFlowFile), where NiFi would stream it to the content repository, so the heap columns include the
 * whole file.
 */
abstract class ExportDatasetScenario implements Scenario {

    private final String name;
    private final ExportFormatValue format;
    private final ExportCompressionValue compression;

    ExportDatasetScenario(String name, ExportFormatValue format, ExportCompressionValue compression) {
        this.name = name;
        this.format = format;
        this.compression = compression;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "ExportDataset processor (TestRunner): the table (registered untimed) as " + format.getDisplayName()
                + (compression == ExportCompressionValue.NONE ? "" : " (" + compression.getValue() + ")")
                + " into FlowFile content (held in the heap)";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        ProcessorHarness harness = ProcessorHarness.open(ExportDataset.class, context, backend, "export");
        try {
            harness.register("train", context.csv());
            harness.runner.setProperty("Tables", ExportTablesValue.LISTED.getValue());
            harness.runner.setProperty("Table Names", "train");
            harness.runner.setProperty("Format", format.getValue());
            harness.runner.setProperty("Compression", compression.getValue());
            harness.runner.setProperty("Include Metadata", "false");
            harness.enqueueTrigger();
        } catch (Exception | Error e) {
            harness.close();
            throw e;
        }
        return new Run() {
            private long bytes = -1;

            @Override
            public long execute() {
                harness.runner.run();
                MockFlowFile exported = harness.successes("ExportDataset").get(0);
                bytes = exported.getSize();
                return Long.parseLong(exported.getAttribute(MdmAttributes.ROW_COUNT));
            }

            @Override
            public String note() {
                return "content in the heap (MockFlowFile)"
                        + (bytes < 0 ? "" : String.format(Locale.ROOT, ", %,.1f MiB", bytes / 1048576.0));
            }

            @Override
            public void close() {
                harness.close();
            }
        };
    }
}
