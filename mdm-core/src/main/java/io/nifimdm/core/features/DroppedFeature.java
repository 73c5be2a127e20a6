package io.nifimdm.core.features;

/** A generated feature the signal filter removed on the fit table, and why (for example {@code constant}). */
public record DroppedFeature(String name, String reason) {
}
