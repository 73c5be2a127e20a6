package io.nifimdm.core.features;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.testsupport.StoreFixture;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Manual measurement, not a test: {@code FeaturePerformanceMain <sqlite|duckdb|postgresql> <trainRows> <testRows>
 * <workDir>}. Registers generated train and test tables (12 columns shaped like the benchmark generator's: id, five
 * doubles, two ints, two categoricals of 10 and 50 values, a timestamp and ~30 characters of text, ~2% missing), then
 * times GenerateFeatures with the default families and reports the peak heap used after the fit started.
 */
public final class FeaturePerformanceMain {

    private FeaturePerformanceMain() {
    }

    public static void main(String[] args) throws Exception {
        BackendKind kind = BackendKind.valueOf(args[0].toUpperCase(Locale.ROOT));
        int trainRows = Integer.parseInt(args[1]);
        int testRows = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        Files.createDirectories(work);
        Path train = work.resolve("train.csv");
        Path test = work.resolve("test.csv");
        if (!Files.exists(train)) {
            generate(train, trainRows, 1, true);
            generate(test, testRows, 2, false);
        }
        try (StoreFixture fixture = StoreFixture.open(kind, work.resolve("store"))) {
            DatasetStore store = fixture.store();
            long t0 = System.nanoTime();
            register(store, "train", train);
            register(store, "test", test);
            System.out.printf(Locale.ROOT, "%s register: %.2f s%n", kind, (System.nanoTime() - t0) / 1e9);
            Dataset dataset = store.open("perf");
            for (int run = 0; run < 2; run++) {
                System.gc();
                Thread.sleep(300);
                resetPeaks();
                long start = System.nanoTime();
                FeatureResult result = FeatureGenerator.standard().run(dataset,
                        new FeatureRequest(null, null, java.util.List.of(), true, FeatureOptions.defaults()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s run %d: %.2f s, %d features kept, %d dropped, tables %s, peak heap "
                                + "%d MB (max %d MB) %s%n", kind, run, seconds, result.features().size(),
                        result.dropped().size(), result.rowsByTable(), peakHeapMb(),
                        Runtime.getRuntime().maxMemory() >> 20, result.phaseMillis());
            }
        }
    }

    private static void register(DatasetStore store, String table, Path file) {
        RegistrationRequest request = RegistrationRequest.of("perf", table, RegistrationMode.REPLACE);
        if (table.equals("train")) {
            request = request.withTarget("target");
        }
        DatasetRegistrar.standard(store).register(request,
                ContentInput.of(() -> Files.newInputStream(file), InputFormat.AUTO));
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void generate(Path file, int rows, long seed, boolean withTarget) throws Exception {
        Random random = new Random(seed);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 0);
        String[] words = {"alpha", "beta", "gamma", "delta", "data", "model", "train", "value", "NiFi", "fast",
                "Query", "table", "row", "column", "x1", "2024", "#ml", "@mdm"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,f1,f2,f3,f4,f5,i1,i2,cat_a,cat_b,ts,txt" + (withTarget ? ",target" : "") + "\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                line.append(i + 1);
                double[] values = {random.nextGaussian() * 10 + 50, Math.exp(random.nextGaussian()),
                        random.nextDouble() * 100, random.nextGaussian() * 5 - 2, -Math.log(1 - random.nextDouble())};
                for (double v : values) {
                    line.append(',');
                    if (random.nextInt(50) != 0) {
                        line.append(String.format(Locale.ROOT, "%.4f", v));
                    }
                }
                line.append(',').append(random.nextInt(50) == 0 ? "" : String.valueOf(random.nextInt(1000)));
                line.append(',').append(random.nextInt(50) == 0 ? "" : String.valueOf(random.nextInt(100) - 20));
                int skewA = (int) Math.min(9, Math.abs(random.nextGaussian() * 3));
                line.append(',').append(random.nextInt(50) == 0 ? "" : "a" + skewA);
                int skewB = (int) Math.min(49, Math.abs(random.nextGaussian() * 15));
                line.append(',').append(random.nextInt(50) == 0 ? "" : "b" + skewB);
                line.append(',').append(random.nextInt(50) == 0 ? "" : format.format(start.plusSeconds(
                        (long) (random.nextDouble() * 5 * 365 * 86400))));
                line.append(',');
                if (random.nextInt(50) != 0) {
                    line.append('"');
                    int count = 3 + random.nextInt(4);
                    for (int w = 0; w < count; w++) {
                        line.append(w == 0 ? "" : random.nextInt(3) == 0 ? ", " : " ")
                                .append(words[random.nextInt(words.length)]);
                    }
                    line.append('"');
                }
                if (withTarget) {
                    line.append(',').append(random.nextInt(2));
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
