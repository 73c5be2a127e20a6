package io.nifimdm.nifi.processors;

import org.apache.nifi.components.DescribedValue;

/** Problem Type choices on the canvas. */
public enum ProblemTypeValue implements DescribedValue {
    DETECT("Detect", "Keep the dataset's problem type, or infer it from the target's values with MDM's rules"),
    BINARY_CLASSIFICATION("binary_classification", "Two classes"),
    MULTICLASS_CLASSIFICATION("multiclass_classification", "More than two classes"),
    REGRESSION("regression", "A continuous target"),
    TIME_SERIES("time_series", "Forecasting over time"),
    CLUSTERING("clustering", "No target");

    private final String value;
    private final String description;

    ProblemTypeValue(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return value;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
