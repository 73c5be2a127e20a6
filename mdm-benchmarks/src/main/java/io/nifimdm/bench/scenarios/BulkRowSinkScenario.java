package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.bench.StoreRun;
import io.nifimdm.bench.TypedCsvReader;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.RowSink;
import io.nifimdm.core.dataset.WriteMode;
import io.nifimdm.core.stats.TableStatisticsAccumulator;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/**
 * Our bulk path: parse with typed conversion and stream the rows into the engine's
 * {@link Backend#openRowSink} inside one dataset write transaction (create table, load, commit).
 * With statistics, every row also goes through a {@link TableStatisticsAccumulator} on the same
 * thread, as the cheapest way to register with statistics.
 */
public final class BulkRowSinkScenario implements Scenario {

    private final boolean withStatistics;

    private BulkRowSinkScenario(boolean withStatistics) {
        this.withStatistics = withStatistics;
    }

    public static BulkRowSinkScenario plain() {
        return new BulkRowSinkScenario(false);
    }

    public static BulkRowSinkScenario withStatistics() {
        return new BulkRowSinkScenario(true);
    }

    @Override
    public String name() {
        return withStatistics ? "bulk+stats" : "bulk";
    }

    @Override
    public String description() {
        return withStatistics
                ? "ours: parse + Backend.openRowSink + statistics on the same thread, one transaction"
                : "ours: parse + Backend.openRowSink in one dataset write transaction";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        return new StoreRun(context, backend) {
            @Override
            public long execute() {
                Backend engine = dataset.backend();
                return dataset.write(WriteMode.EXCLUSIVE, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(engine.createTableSql(dataset.schema(), BenchContext.TABLE, context.columns()));
                    }
                    TableStatisticsAccumulator statistics = withStatistics
                            ? new TableStatisticsAccumulator(context.columns()) : null;
                    try (RowSink sink = engine.openRowSink(connection, dataset.schema(), BenchContext.TABLE,
                            context.columns(), context.batchSize())) {
                        TypedCsvReader.read(context.csv(), context.columns(), Long.MAX_VALUE, row -> {
                            sink.add(row);
                            if (statistics != null) {
                                statistics.add(row);
                            }
                        });
                        sink.finish();
                        if (statistics != null) {
                            statistics.finish();
                        }
                        return sink.rowCount();
                    }
                });
            }
        };
    }
}
