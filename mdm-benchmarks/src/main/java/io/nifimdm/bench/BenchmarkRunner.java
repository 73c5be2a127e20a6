package io.nifimdm.bench;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the selected scenarios on the generated data and prints a markdown table: scenario, engine,
 * rows, median seconds of the measured runs (after warm-up runs), rows/s, JVM CPU seconds, peak heap,
 * and each row's time per row against the baselines measured in the same run.
 *
 * <pre>
 * ./mvnw -pl mdm-benchmarks -am package -DskipTests
 * ./mvnw -pl mdm-benchmarks exec:exec -Dbench.args="--rows 1000000"
 * </pre>
 *
 * Options: {@code --rows N} (1,000,000), {@code --runs N} (3), {@code --warmup N} (1),
 * {@code --scenarios a,b} (all; baselines are always run), {@code --backends sqlite,duckdb,postgresql} (all),
 * {@code --data-dir DIR} (where the CSV is generated and kept), {@code --work-dir DIR} (scratch databases),
 * {@code --postgres-url URL} (env MDM_TEST_POSTGRES_URL or jdbc:postgresql://127.0.0.1:5432/test?user=postgres),
 * {@code --seed N}, {@code --slow-row-cap N} (20,000), {@code --batch-size N} (10,000),
 * {@code --output FILE} (also write the table there), {@code --list}.
 */
public final class BenchmarkRunner {

    private final Options options;
    private final PrintStream out;
    private final LiveHeapMonitor liveHeap = new LiveHeapMonitor();

    BenchmarkRunner(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ScenarioRegistry registry = ScenarioRegistry.discover();
        if (options.list) {
            registry.all().forEach(s -> System.out.printf("%-14s %s%n", s.name(), s.description()));
            return;
        }
        String report = new BenchmarkRunner(options, System.out).run(registry.select(options.scenarios));
        if (options.output != null) {
            Files.writeString(options.output, report);
        }
    }

    String run(List<Scenario> scenarios) throws Exception {
        Path csv = ensureData();
        BenchContext context = new BenchContext(csv, options.rows, DataGenerator.COLUMNS,
                Files.createDirectories(options.workDir), options.postgresUrl, options.slowRowCap, options.batchSize);
        StringBuilder report = new StringBuilder();
        report.append("## Benchmark ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append(" UTC\n\n");
        MachineInfo.describe().forEach(line -> report.append("- ").append(line).append('\n'));
        Set<BackendKind> backends = availableBackends(context, report);
        report.append(String.format("- Data: %s, %,d rows, %,d bytes, seed %d; %d warm-up + %d measured runs, median reported%n%n",
                csv.getFileName(), options.rows, Files.size(csv), options.seed, options.warmup, options.runs));
        out.print(report);

        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<BackendKind> targets = new ArrayList<>();
            if (scenario.backends().isEmpty()) {
                targets.add(null);
            } else {
                scenario.backends().stream().filter(backends::contains).sorted().forEach(targets::add);
            }
            for (BackendKind backend : targets) {
                Result result = measure(scenario, backend, context);
                results.add(result);
                out.printf("  measured %-12s %-10s %s%n", scenario.name(), backend == null ? "-" : backend.id(),
                        result.error == null ? String.format("%.3f s", result.seconds) : "FAILED " + result.error);
            }
        }
        String table = table(results);
        out.println();
        out.print(table);
        return report + table;
    }

    private Set<BackendKind> availableBackends(BenchContext context, StringBuilder report) {
        Set<BackendKind> available = EnumSet.noneOf(BackendKind.class);
        List<String> versions = new ArrayList<>();
        for (BackendKind kind : options.backends) {
            try (DatasetStore store = context.openStore(kind)) {
                versions.add(store.engineVersion() + (kind == BackendKind.POSTGRESQL ? " at " + context.urlWithoutQuery() : ""));
                available.add(kind);
            } catch (Exception e) {
                versions.add(kind.id() + " unavailable (" + e.getMessage() + "), skipped");
            }
        }
        report.append("- Engines: ").append(String.join("; ", versions)).append('\n');
        return available;
    }

    private Path ensureData() throws IOException {
        Files.createDirectories(options.dataDir);
        Path csv = options.dataDir.resolve("bench_" + options.rows + "_seed" + options.seed + ".csv");
        if (!Files.exists(csv)) {
            long start = System.nanoTime();
            DataGenerator.writeCsv(csv, options.rows, options.seed);
            out.printf("generated %s in %.1f s%n", csv, (System.nanoTime() - start) / 1e9);
        }
        return csv.toAbsolutePath();
    }

    private Result measure(Scenario scenario, BackendKind backend, BenchContext context) {
        double[] seconds = new double[options.runs];
        double[] cpuSeconds = new double[options.runs];
        long[] peaks = new long[options.runs];
        long[] live = new long[options.runs];
        long rows = 0;
        String note = null;
        try {
            for (int run = -options.warmup; run < options.runs; run++) {
                try (Scenario.Run prepared = scenario.prepare(context, backend)) {
                    settle();
                    resetPeakHeap();
                    liveHeap.reset();
                    long cpu = processCpuNanos();
                    long start = System.nanoTime();
                    rows = prepared.execute();
                    long elapsed = System.nanoTime() - start;
                    // read after the run, so that it can report what the run found or fell back to
                    note = prepared.note();
                    if (run >= 0) {
                        seconds[run] = elapsed / 1e9;
                        cpuSeconds[run] = (processCpuNanos() - cpu) / 1e9;
                        peaks[run] = peakHeap();
                        live[run] = liveHeap.maximum();
                    }
                }
            }
        } catch (Exception | Error e) {
            return new Result(scenario, backend, 0, Double.NaN, Double.NaN, 0, 0, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Result(scenario, backend, rows, median(seconds), median(cpuSeconds),
                Arrays.stream(peaks).max().orElse(0), Arrays.stream(live).max().orElse(0), note, null);
    }

    /** Outside the timed region: collect garbage and let the engines settle, so runs start alike. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String table(List<Result> results) {
        Map<String, Double> baselinePerRow = new LinkedHashMap<>();
        for (Result result : results) {
            if (result.error == null && result.scenario.baseline() != Scenario.Baseline.NONE) {
                baselinePerRow.put(key(result.scenario.baseline(), result.backend), result.secondsPerRow());
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("| scenario | backend | rows | seconds | rows/s | JVM CPU s | peak heap MiB | live heap MiB | x native | x jdbc-batch | x parse | note |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<String> notes = new ArrayList<>();
        for (Result result : results) {
            String backend = result.backend == null ? "-" : result.backend.id();
            if (result.error != null) {
                table.append(String.format("| %s | %s | | | | | | | | | | failed: %s |%n", result.scenario.name(), backend,
                        result.error.replace('|', '/').replace('\n', ' ')));
                continue;
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %,.0f | %.2f | %d | %s | %s | %s | %s | %s |%n",
                    result.scenario.name(), backend, result.rows, result.seconds, result.rows / result.seconds,
                    result.cpuSeconds, result.peakHeap >> 20, result.liveHeap == 0 ? "no GC" : String.valueOf(result.liveHeap >> 20),
                    ratio(result, baselinePerRow.get(key(Scenario.Baseline.NATIVE, result.backend))),
                    ratio(result, baselinePerRow.get(key(Scenario.Baseline.JDBC_BATCH, result.backend))),
                    ratio(result, baselinePerRow.get(key(Scenario.Baseline.PARSE, null))),
                    result.note == null ? "" : result.note));
        }
        table.append("\nRatios compare time per row with the baseline of the same engine in this run (below 1 = faster). "
                + "Loads run to commit. Peak heap: the heap pools' peaks during the timed part (after a GC before it), "
                + "garbage included, so it mostly shows the young generation's size. Live heap: the most heap still in use "
                + "right after any GC during the timed part, the data the run really held.\n");
        notes.forEach(table::append);
        return table.toString();
    }

    private static String ratio(Result result, Double baselineSecondsPerRow) {
        if (baselineSecondsPerRow == null) {
            return "";
        }
        double ratio = result.secondsPerRow() / baselineSecondsPerRow;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : "%.2f", ratio);
    }

    private static String key(Scenario.Baseline baseline, BackendKind backend) {
        return baseline + "/" + (baseline == Scenario.Baseline.PARSE || backend == null ? "-" : backend.id());
    }

    private record Result(Scenario scenario, BackendKind backend, long rows, double seconds, double cpuSeconds,
            long peakHeap, long liveHeap, String note, String error) {

        double secondsPerRow() {
            return seconds / rows;
        }
    }

    /** Command-line options. */
    static final class Options {
        long rows = 1_000_000;
        int runs = 3;
        int warmup = 1;
        List<String> scenarios = List.of();
        List<BackendKind> backends = List.of(BackendKind.values());
        Path dataDir = Path.of("target", "bench-data");
        Path workDir = Path.of("target", "bench-work");
        String postgresUrl = System.getenv().getOrDefault("MDM_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        long seed = 42;
        long slowRowCap = 20_000;
        int batchSize = 10_000;
        Path output;
        boolean list;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--list")) {
                    options.list = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--rows" -> options.rows = Long.parseLong(value.replace("_", "").replace(",", ""));
                    case "--runs" -> options.runs = Integer.parseInt(value);
                    case "--warmup" -> options.warmup = Integer.parseInt(value);
                    case "--scenarios" -> options.scenarios = splitList(value);
                    case "--backends" -> options.backends = splitList(value).stream().map(BackendKind::fromId).toList();
                    case "--data-dir" -> options.dataDir = Path.of(value);
                    case "--work-dir" -> options.workDir = Path.of(value);
                    case "--postgres-url" -> options.postgresUrl = value;
                    case "--seed" -> options.seed = Long.parseLong(value);
                    case "--slow-row-cap" -> options.slowRowCap = Long.parseLong(value);
                    case "--batch-size" -> options.batchSize = Integer.parseInt(value);
                    case "--output" -> options.output = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (options.runs < 1 || options.warmup < 0 || options.rows < 1) {
                throw new IllegalArgumentException("--rows and --runs must be at least 1, --warmup at least 0");
            }
            return options;
        }

        private static List<String> splitList(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
