package io.nifimdm.core.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nifimdm.core.MdmException;

/** Reads and writes {@link FeaturePlan} as indented JSON (human-readable, versioned by {@code formatVersion}). */
public final class PlanCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {
    }

    public static String toJson(FeaturePlan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feature plan does not serialise", e);
        }
    }

    public static FeaturePlan fromJson(String json) {
        try {
            FeaturePlan plan = MAPPER.readValue(json, FeaturePlan.class);
            if (plan.formatVersion() > FeaturePlan.FORMAT_VERSION) {
                throw new MdmException("stored feature plan has format version " + plan.formatVersion()
                        + ", newer than this version of nifi-mdm reads (" + FeaturePlan.FORMAT_VERSION
                        + "); refit the features");
            }
            return plan;
        } catch (JsonProcessingException e) {
            throw new MdmException("stored feature plan is not readable: " + e.getOriginalMessage(), e);
        }
    }

    static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report does not serialise", e);
        }
    }
}
