package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

import java.util.Locale;

/** MDM's five problem types; the docs' aliases ({@code classification}, {@code time-series}) map onto them. */
public enum ProblemType {
    BINARY_CLASSIFICATION,
    MULTICLASS_CLASSIFICATION,
    REGRESSION,
    TIME_SERIES,
    CLUSTERING;

    /** {@code binary_classification}, as MDM writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id or alias, case-insensitively; {@code -} and space count as {@code _}. */
    public static ProblemType parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (key) {
            case "binary_classification", "binary" -> BINARY_CLASSIFICATION;
            case "multiclass_classification", "multiclass", "classification" -> MULTICLASS_CLASSIFICATION;
            case "regression" -> REGRESSION;
            case "time_series", "timeseries" -> TIME_SERIES;
            case "clustering" -> CLUSTERING;
            default -> throw new MdmException("Invalid problem type '" + text
                    + "': expected binary_classification, multiclass_classification, regression, time_series or clustering"
                    + " (aliases: binary, multiclass, classification, time-series)");
        };
    }
}
