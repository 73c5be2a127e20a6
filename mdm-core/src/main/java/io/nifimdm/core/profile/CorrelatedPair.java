package io.nifimdm.core.profile;

/** Two numeric columns whose Pearson correlation is above the strong-correlation threshold in absolute value. */
public record CorrelatedPair(String first, String second, double r) {
}
