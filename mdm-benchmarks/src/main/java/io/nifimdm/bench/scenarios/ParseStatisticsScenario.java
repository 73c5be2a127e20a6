package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.bench.TypedCsvReader;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.stats.TableStatistics;
import io.nifimdm.core.stats.TableStatisticsAccumulator;
import java.util.Set;

/**
 * Parsing plus the registration statistics on the same thread; minus "parse", it is what the
 * statistics cost on rows fresh from the parser.
 */
public final class ParseStatisticsScenario implements Scenario {

    @Override
    public String name() {
        return "parse+stats";
    }

    @Override
    public String description() {
        return "parse + TableStatisticsAccumulator over every row, one thread, no database";
    }

    @Override
    public Set<BackendKind> backends() {
        return Set.of();
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) {
        return () -> {
            TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(context.columns());
            long rows = TypedCsvReader.read(context.csv(), context.columns(), Long.MAX_VALUE, accumulator::add);
            TableStatistics statistics = accumulator.finish();
            if (statistics.rowCount() != rows) {
                throw new IllegalStateException("statistics counted " + statistics.rowCount() + " rows of " + rows);
            }
            return rows;
        };
    }
}
