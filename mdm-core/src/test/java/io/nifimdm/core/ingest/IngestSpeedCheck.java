package io.nifimdm.core.ingest;

import java.io.ByteArrayInputStream;

/**
 * Manual speed check, not a test: parse + type inference + conversion of generated CSV content.
 * Run: {@code java -cp <test and runtime classpath> io.nifimdm.core.ingest.IngestSpeedCheck [rows]}.
 */
public final class IngestSpeedCheck {

    private IngestSpeedCheck() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        byte[] content = new GeneratedCsv(rows, 1).bytes();
        System.out.printf("content: %,d rows, %,d bytes%n", rows, content.length);
        for (int run = 0; run < 6; run++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long parsed = 0;
            try (TabularReader reader = TabularReaders.open(new ByteArrayInputStream(content), ReadOptions.defaults())) {
                while (reader.next() != null) {
                    parsed++;
                }
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long converted = 0;
            try (TabularReader reader = TabularReaders.open(new ByteArrayInputStream(content), ReadOptions.defaults())) {
                InferredSchema schema = TypeInference.infer(reader, InferenceOptions.defaults());
                RowConverter converter = schema.converter();
                for (Object[] raw : schema.sampleRows()) {
                    converter.convert(raw);
                }
                Object[] raw;
                while ((raw = reader.next()) != null) {
                    converter.convert(raw);
                }
                converted = converter.rowCount();
            }
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("run %d: parse only %.3f s wall / %.3f s cpu (%d rows), parse + infer + convert"
                    + " %.3f s wall / %.3f s cpu (%d rows)%n", run, (t1 - t0) / 1e9, (c1 - c0) / 1e9, parsed,
                    (t2 - t1) / 1e9, (c2 - c1) / 1e9, converted);
        }
    }
}
