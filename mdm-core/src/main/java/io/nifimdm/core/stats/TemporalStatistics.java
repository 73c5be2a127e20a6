package io.nifimdm.core.stats;

import java.time.temporal.Temporal;

/**
 * Range of the non-null values of a DATE or TIMESTAMP column.
 *
 * @param min earliest value ({@link java.time.LocalDate} or {@link java.time.LocalDateTime}, as the column)
 * @param max latest value
 * @param rangeDays whole days from min to max (partial days dropped, like pandas' {@code Timedelta.days})
 */
public record TemporalStatistics(Temporal min, Temporal max, long rangeDays) {
}
