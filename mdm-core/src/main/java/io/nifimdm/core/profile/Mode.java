package io.nifimdm.core.profile;

/**
 * The most frequent non-missing value of a text column; among equally frequent values the smallest in binary
 * (UTF-8 byte) order, as pandas' {@code mode()[0]} picks the smallest.
 */
public record Mode(String value, long count) {
}
