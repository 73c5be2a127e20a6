package io.nifimdm.core.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did.
 *
 * @param pending       nothing could be built yet: the trigger named a table other than the fit table and there is
 *                      neither a plan nor a fit table (its arrival will build everything)
 * @param fitted        whether a new plan was fitted (otherwise the stored one was applied)
 * @param fitTable      the plan's fit table (null when pending)
 * @param planVersion   version of the stored plan written by this run, 0 when the stored plan was reused
 * @param rowsByTable   feature tables built, with their row counts, in build order
 * @param features      generated features kept by the plan, in column order
 * @param dropped       features the signal filter removed, with reasons
 * @param phaseMillis   time per phase (fit statistics, signal filter, build of each table), in run order
 */
public record FeatureResult(boolean pending, boolean fitted, String fitTable, int planVersion,
                            Map<String, Long> rowsByTable, List<String> features, List<DroppedFeature> dropped,
                            long durationMillis, Map<String, Long> phaseMillis) {

    public FeatureResult {
        rowsByTable = rowsByTable == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(rowsByTable));
        features = features == null ? List.of() : List.copyOf(features);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        phaseMillis = phaseMillis == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(phaseMillis));
    }

    public List<String> featureTables() {
        return List.copyOf(rowsByTable.keySet());
    }

    /** The run as a JSON report: what was fitted and built, the kept features and the dropped ones with reasons. */
    public String reportJson(String dataset) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", dataset);
        report.put("pending", pending);
        report.put("fitted", fitted);
        report.put("fitTable", fitTable);
        report.put("planVersion", planVersion);
        report.put("featureTables", rowsByTable);
        report.put("featureCount", features.size());
        report.put("features", features);
        report.put("droppedCount", dropped.size());
        report.put("dropped", dropped);
        report.put("durationMs", durationMillis);
        report.put("phaseMs", phaseMillis);
        return PlanCodec.toJson(report);
    }
}
