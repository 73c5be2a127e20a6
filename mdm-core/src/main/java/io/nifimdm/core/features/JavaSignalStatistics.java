package io.nifimdm.core.features;

import java.sql.Connection;

/**
 * Feeds the {@link SignalFilter} from Java: every candidate feature of every row of the fit table computed by the
 * {@link FeatureComputer}, the reference the engine's {@link SqlSignalStatistics} must agree with.
 */
final class JavaSignalStatistics {

    private JavaSignalStatistics() {
    }

    static void fill(Connection connection, TableSource source, FeatureComputer computer, SignalFilter filter)
            throws Exception {
        Object[] features = new Object[computer.columns().size()];
        long[] ordinal = {0};
        source.stream(connection, row -> {
            computer.compute(row, ordinal[0]++, features);
            filter.add(features);
        });
    }
}
