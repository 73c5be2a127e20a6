package io.nifimdm.core.features;

import java.util.List;
import java.util.Objects;

/**
 * One run of {@link FeatureGenerator}.
 *
 * @param triggerTable the table just registered, or null: decides between fitting and applying (see the generator)
 * @param fitTable     the table to fit on; null or blank means {@value #DEFAULT_FIT_TABLE}; either way falling back
 *                     to {@code data}, then to the only data table
 * @param tables       data tables to build feature tables for; empty means all
 * @param refit        fit again even when a stored plan exists
 */
public record FeatureRequest(String triggerTable, String fitTable, List<String> tables, boolean refit,
                             FeatureOptions options) {

    public static final String DEFAULT_FIT_TABLE = "train";

    public FeatureRequest {
        triggerTable = triggerTable == null || triggerTable.isBlank() ? null : triggerTable.trim();
        fitTable = fitTable == null || fitTable.isBlank() ? DEFAULT_FIT_TABLE : fitTable.trim();
        tables = tables == null ? List.of() : List.copyOf(tables);
        Objects.requireNonNull(options, "options");
    }

    public static FeatureRequest all(FeatureOptions options) {
        return new FeatureRequest(null, null, List.of(), false, options);
    }

    public FeatureRequest forTrigger(String table) {
        return new FeatureRequest(table, fitTable, tables, refit, options);
    }
}
