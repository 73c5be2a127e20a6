package io.nifimdm.nifi.processors;

import org.apache.nifi.components.DescribedValue;

/** What GenerateFeatures writes as the outgoing FlowFile's content. */
public enum FeatureContentValue implements DescribedValue {
    PASS_THROUGH("Pass Through", "The incoming content, unchanged"),
    FEATURE_REPORT("Feature Report", "A JSON report of the run (fit table, feature tables with row counts, kept "
            + "features, dropped features with the reason) replaces the content");

    private final String displayName;
    private final String description;

    FeatureContentValue(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
