package io.nifimdm.core.stats;

import java.util.List;

/**
 * The most frequent values of a column, most frequent first, ties by ascending value.
 *
 * @param values at most {@link StatisticsOptions#topValueCount()} entries
 * @param approximate whether the counts come from a Misra-Gries summary (the column had more
 *        distinct values than {@link StatisticsOptions#distinctExactLimit()})
 * @param maxError when approximate: the true count of each reported value lies between its reported
 *        count (a lower bound) and that count plus maxError; 0 when exact
 */
public record TopValues(List<ValueCount> values, boolean approximate, long maxError) {

    public TopValues {
        values = List.copyOf(values);
    }
}
