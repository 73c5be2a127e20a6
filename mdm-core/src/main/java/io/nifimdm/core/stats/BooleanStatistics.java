package io.nifimdm.core.stats;

/** Counts of the non-null values of a BOOLEAN column. */
public record BooleanStatistics(long trueCount, long falseCount) {
}
