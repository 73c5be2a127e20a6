package io.nifimdm.core.features;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fits the feature plan on the fit table and materialises {@code <table>_features} for the data tables, in any order
 * of arrival:
 * <ul>
 *   <li>no trigger table, or the fit table: fit (always for the fit table, whose data just changed; otherwise only
 *       without a stored plan or with refit) and build every selected data table;</li>
 *   <li>another table with a stored plan: apply the plan to that table only (refit: fit and build all);</li>
 *   <li>another table without a plan: fit and build all when the fit table exists, else report pending, because
 *       the fit table's arrival will build every table registered by then.</li>
 * </ul>
 * The plan is stored in the same transaction as the fit table's feature table; each feature table is built aside and
 * swapped in its own transaction.
 */
public final class FeatureGenerator {

    private final Clock clock;
    /**
     * Engines whose compiled SQL measured faster than the streamed Java pass (benchmark {@code features}, 200K and 1M
     * rows): DuckDB only. On PostgreSQL the one wide {@code CREATE TABLE AS SELECT} (row numbering, the text join, the
     * sort on {@code _mdm_row}) took 1.8x the Java pass with COPY, so PostgreSQL keeps the Java pass until that
     * query is reshaped; its SQL path stays tested against the Java one.
     */
    private static final Set<BackendKind> FASTER_IN_ENGINE = EnumSet.of(BackendKind.DUCKDB);

    private final Set<BackendKind> inEngine;

    public FeatureGenerator(Clock clock) {
        this(clock, FASTER_IN_ENGINE);
    }

    /** @param inEngine compute features inside the engine wherever it can ({@link SqlFeatures}); false: Java pass */
    FeatureGenerator(Clock clock, boolean inEngine) {
        this(clock, inEngine ? EnumSet.of(BackendKind.DUCKDB, BackendKind.POSTGRESQL)
                : EnumSet.noneOf(BackendKind.class));
    }

    private FeatureGenerator(Clock clock, Set<BackendKind> inEngine) {
        this.clock = clock;
        this.inEngine = inEngine;
    }

    /**
     * Engine SQL where it measured faster, unless the system property {@value #JAVA_PASS_PROPERTY} is true (the
     * streamed Java pass everywhere: the reference, and the A/B baseline of the benchmark).
     */
    public static FeatureGenerator standard() {
        return Boolean.getBoolean(JAVA_PASS_PROPERTY) ? new FeatureGenerator(Clock.systemUTC(), false)
                : new FeatureGenerator(Clock.systemUTC());
    }

    private boolean inEngine(Dataset dataset) {
        return inEngine.contains(dataset.backend().kind());
    }

    /** SQLSTATE of PostgreSQL's "value out of range" (overflow and underflow of double precision). */
    private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

    /** An arithmetic overflow in the engine: PostgreSQL by its SQLSTATE; DuckDB's driver sets none, only the text. */
    private static boolean outOfRange(SQLException e) {
        return NUMERIC_VALUE_OUT_OF_RANGE.equals(e.getSQLState())
                || e.getMessage() != null && e.getMessage().startsWith("Out of Range Error");
    }

    public static final String JAVA_PASS_PROPERTY = "mdm.features.javaPass";

    public FeatureResult run(Dataset dataset, FeatureRequest request) {
        return run(dataset, request, FeatureProgress.NONE);
    }

    /** {@link #run(Dataset, FeatureRequest)}, telling {@code progress} after the fit and after each table. */
    public FeatureResult run(Dataset dataset, FeatureRequest request, FeatureProgress progress) {
        long start = System.nanoTime();
        try {
            return execute(dataset, request, start, progress);
        } catch (MdmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MdmException("feature generation on dataset '" + dataset.name() + "' failed: " + e.getMessage(),
                    e);
        }
    }

    private FeatureResult execute(Dataset dataset, FeatureRequest request, long start, FeatureProgress progress)
            throws Exception {
        DatasetMetadata metadata = dataset.metadata();
        List<String> dataTables = new ArrayList<>();
        Map<String, Long> tableRows = new HashMap<>();
        Optional<String> storedPlan;
        DatasetInfo info;
        try (Connection connection = dataset.openReadConnection()) {
            for (TableInfo table : metadata.tables(connection)) {
                if (table.kind() == TableKind.DATA) {
                    dataTables.add(table.name());
                    tableRows.put(table.name(), Math.max(0, table.rowCount()));
                }
            }
            storedPlan = metadata.featurePlan(connection);
            info = metadata.readInfo(connection);
            SourceQueries.rollbackQuietly(connection);
        }
        String trigger = request.triggerTable();
        if (trigger != null && !dataTables.contains(trigger)) {
            throw new MdmException("table '" + trigger + "' is not a data table of dataset '" + dataset.name()
                    + "' (data tables: " + dataTables + ")");
        }
        for (String table : request.tables()) {
            if (!dataTables.contains(table)) {
                throw new MdmException("table '" + table + "' listed in Tables is not a data table of dataset '"
                        + dataset.name() + "' (data tables: " + dataTables + ")");
            }
        }
        String fitTable = resolveFitTable(request.fitTable(), dataTables);
        List<String> selected = request.tables().isEmpty() ? dataTables : request.tables();

        boolean fit;
        List<String> build;
        if (trigger == null || trigger.equals(fitTable)) {
            if (fitTable == null) {
                if (storedPlan.isEmpty()) {
                    return pending(start);
                }
                fit = false;
            } else {
                fit = trigger != null || request.refit() || storedPlan.isEmpty();
            }
            build = selected;
        } else if (storedPlan.isPresent() && !request.refit()) {
            fit = false;
            build = selected.contains(trigger) ? List.of(trigger) : List.of();
        } else if (fitTable != null) {
            fit = true;
            build = selected;
        } else {
            return pending(start);
        }

        long total = fit ? tableRows.getOrDefault(fitTable, 0L) : 0;
        for (String table : build) {
            total += tableRows.getOrDefault(table, 0L);
        }
        final long rowsTotal = total;
        long[] done = {0};
        progress.update("start", 0, rowsTotal);
        Instant now = clock.instant();
        Map<String, Long> phases = new LinkedHashMap<>();
        FeaturePlan plan;
        int version = 0;
        Map<String, Long> rows = new LinkedHashMap<>();
        if (fit) {
            plan = fit(dataset, fitTable, info, request.options(), now, phases);
            done[0] += tableRows.getOrDefault(fitTable, 0L);
            progress.update("fit " + fitTable, done[0], rowsTotal);
            String json = PlanCodec.toJson(plan);
            int[] stored = {0};
            FeatureTableWriter.InTransaction storePlan = connection -> stored[0] = metadata.putFeaturePlan(connection,
                    json);
            if (build.contains(fitTable)) {
                long began = System.nanoTime();
                rows.put(FeatureTableWriter.featureTableName(fitTable),
                        FeatureTableWriter.build(dataset, plan, fitTable, now, storePlan,
                                inEngine(dataset)));
                phases.put("build " + fitTable, elapsed(began));
                done[0] += tableRows.getOrDefault(fitTable, 0L);
                progress.update(FeatureTableWriter.featureTableName(fitTable), done[0], rowsTotal);
            } else {
                dataset.write(io.nifimdm.core.dataset.WriteMode.EXCLUSIVE, connection -> {
                    storePlan.run(connection);
                    return null;
                });
            }
            version = stored[0];
        } else {
            plan = PlanCodec.fromJson(storedPlan.orElseThrow());
        }
        for (String table : build) {
            if (!(fit && table.equals(fitTable))) {
                long began = System.nanoTime();
                rows.put(FeatureTableWriter.featureTableName(table),
                        FeatureTableWriter.build(dataset, plan, table, now, null, inEngine(dataset)));
                phases.put("build " + table, elapsed(began));
                done[0] += tableRows.getOrDefault(table, 0L);
                progress.update(FeatureTableWriter.featureTableName(table), done[0], rowsTotal);
            }
        }
        return new FeatureResult(false, fit, plan.fitTable(), version, rows, plan.features(), plan.dropped(),
                elapsed(start), phases);
    }

    private static FeatureResult pending(long start) {
        return new FeatureResult(true, false, null, 0, Map.of(), List.of(), List.of(), elapsed(start), Map.of());
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Kaggle split tables that hold no training rows: never a fit table by fallback. */
    private static final Set<String> HELD_OUT_TABLES = Set.of("test", "validation", "sample_submission",
            "submission");

    /**
     * The configured table when it exists, else {@code data}, else the only data table unless it is a held-out split
     * (test, validation, submission: with only those, the training table has not arrived yet), else null.
     */
    static String resolveFitTable(String configured, List<String> dataTables) {
        if (dataTables.contains(configured)) {
            return configured;
        }
        if (dataTables.contains("data")) {
            return "data";
        }
        return dataTables.size() == 1 && !HELD_OUT_TABLES.contains(dataTables.get(0)) ? dataTables.get(0) : null;
    }

    /** Fits statistics on the fit table, then runs the signal filter over its candidate features. */
    FeaturePlan fit(Dataset dataset, String fitTable, DatasetInfo info, FeatureOptions options, Instant now,
                    Map<String, Long> phases) throws Exception {
        for (String name : options.customFeatures().keySet()) {
            CustomFeatureExpressions.validateName(name).ifPresent(problem -> {
                throw new MdmException(problem);
            });
        }
        for (Map.Entry<String, String> entry : options.customFeatures().entrySet()) {
            CustomFeatureExpressions.validate(entry.getValue()).ifPresent(problem -> {
                throw new MdmException("custom feature '" + entry.getKey() + "': " + problem);
            });
        }
        try (Connection connection = dataset.openReadConnection()) {
            List<ColumnInfo> columns = dataset.metadata().columns(connection, fitTable);
            SourceQueries.rollbackQuietly(connection);
            long began = System.nanoTime();
            FeaturePlan draft = new FeatureFitter(connection, dataset.backend(), dataset.schema(), fitTable, columns,
                    info.targetColumn(), info.idColumns(), options, dataset::openReadConnection).fit(now);
            phases.put("fit statistics", elapsed(began));
            began = System.nanoTime();
            TableSource source = new TableSource(connection, dataset.backend(), dataset.schema(), fitTable, columns,
                    draft.custom());
            FeatureComputer computer = new FeatureComputer(draft, source.sourceIndex(), source.customIndex(), true);
            SignalFilter filter = new SignalFilter(computer.columns(), options, draft.fitRows());
            // with text columns the Java pass measured cheaper: on the benchmark's 139 candidates DuckDB spent 7.4 s
            // of CPU (the text family through DuckDbJavaFunctions included) where the Java pass spent 3.9 s. Nor does
            // splitting pay: the engine's statistics of the 103 candidates outside the text family took 5.2 s where
            // Java took 3.5 s for them (1M rows, load ~3), and on PostgreSQL that aggregate took 235 s
            boolean text = draft.columns().stream().anyMatch(c -> FeatureComputer.TEXT.equals(c.family()));
            boolean measured = false;
            if (inEngine(dataset) && !text && SqlFeatures.supports(dataset.backend(), draft, columns)) {
                try {
                    SqlSignalStatistics.fill(connection, dataset.backend(), dataset.schema(), fitTable, draft, columns,
                            source.customIndex().keySet(), computer.columns(), filter);
                    measured = true;
                } catch (SQLException e) {
                    if (!outOfRange(e)) {
                        throw e;
                    }
                    // the engines' variance of features beyond 1e154 overflows where Java's is infinite: Java measures
                    SourceQueries.rollbackQuietly(connection);
                    filter = new SignalFilter(computer.columns(), options, draft.fitRows());
                }
            }
            if (!measured) {
                JavaSignalStatistics.fill(connection, source,
                        () -> new FeatureComputer(draft, source.sourceIndex(), source.customIndex(), true), filter);
            }
            List<DroppedFeature> dropped = new ArrayList<>();
            Set<String> sourceNames = new HashSet<>(TableSource.names(columns));
            List<String> kept = new ArrayList<>();
            for (String name : filter.verdict(sourceNames, dropped)) {
                try {
                    dataset.backend().quote(name);
                    kept.add(name);
                } catch (MdmException e) {
                    // for example a one-hot value too long for PostgreSQL's 63-byte identifiers
                    dropped.add(new DroppedFeature(name, "not a valid column name here: " + e.getMessage()));
                }
            }
            phases.put("signal filter", elapsed(began));
            return draft.withVerdict(kept, dropped);
        }
    }
}
