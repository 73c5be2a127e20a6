package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.nifi.processors.QueryDataset;
import org.apache.nifi.util.MockFlowFile;

import java.util.EnumSet;
import java.util.Set;

/**
 * Issue 5's aggregate query end to end through the QueryDataset processor: GROUP BY cat_b with count, mean,
 * standard deviation, minimum and maximum of f1 over the whole generated table, the result written through a
 * Record Writer into one FlowFile. The table is registered untimed in {@link #prepare}; only the trigger is timed.
 * Targets at 1,000,000 rows: DuckDB 0.2 s, PostgreSQL 0.5 s, SQLite 1.5 s.
 */
public final class QueryAggregateScenario implements Scenario {

    static final String GROUP_BY = "cat_b";
    static final String AGGREGATIONS = "count(*), avg(f1), stddev(f1), min(f1), max(f1)";
    private static final String WRITER_ID = "writer";

    @Override
    public String name() {
        return "query-aggregate";
    }

    @Override
    public String description() {
        return "QueryDataset processor (TestRunner): GROUP BY cat_b, count/avg/stddev/min/max of f1 over the table"
                + " (registered untimed), result through a CSV Record Writer";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        ProcessorHarness harness = ProcessorHarness.open(QueryDataset.class, context, backend, "query");
        try {
            harness.register("train", context.csv());
            CsvLinesRecordWriter writer = new CsvLinesRecordWriter();
            harness.runner.addControllerService(WRITER_ID, writer);
            harness.runner.enableControllerService(writer);
            harness.runner.setProperty("Record Writer", WRITER_ID);
            harness.runner.setProperty("Table", "train");
            harness.runner.setProperty("Group By", GROUP_BY);
            harness.runner.setProperty("Aggregations", AGGREGATIONS);
            harness.enqueueTrigger();
        } catch (Exception | Error e) {
            harness.close();
            throw e;
        }
        return new Run() {
            private long groups = -1;

            @Override
            public long execute() {
                harness.runner.run();
                MockFlowFile result = harness.successes("QueryDataset").get(0);
                groups = Long.parseLong(result.getAttribute("record.count"));
                if (groups < 1) {
                    throw new IllegalStateException("the aggregate query returned no groups");
                }
                // the query reads every row of the table; the groups are what it returns
                return context.rows();
            }

            @Override
            public String note() {
                return "rows = table rows aggregated" + (groups < 0 ? "" : "; " + groups + " groups returned");
            }

            @Override
            public void close() {
                harness.close();
            }
        };
    }
}
