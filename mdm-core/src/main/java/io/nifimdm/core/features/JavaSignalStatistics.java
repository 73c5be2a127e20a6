package io.nifimdm.core.features;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Feeds the {@link SignalFilter} from Java: every candidate feature of every row of the fit table computed by the
 * {@link FeatureComputer}, the reference the engine's {@link SqlSignalStatistics} must agree with.
 */
final class JavaSignalStatistics {

    private JavaSignalStatistics() {
    }

    /**
     * Measures every candidate of every row of {@code source} into {@code filter}, in the source's order; each worker
     * thread computes with a computer of its own from {@code computers}.
     */
    static void fill(Connection connection, TableSource source, Supplier<FeatureComputer> computers,
                     SignalFilter filter) throws Exception {
        RowPipeline.run(source, connection, () -> {
            FeatureComputer computer = computers.get();
            int width = computer.columns().size();
            return (row, ordinal) -> {
                Object[] features = new Object[width];
                computer.compute(row, ordinal, features);
                return features;
            };
        }, filter::add);
    }
}
