package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.bench.TypedCsvReader;
import io.nifimdm.core.backend.BackendKind;
import java.util.Set;

/** Baseline (3): FastCSV parsing with typed conversion, rows thrown away. The floor of every CSV load. */
public final class ParseOnlyScenario implements Scenario {

    private static long sink;

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String description() {
        return "baseline: FastCSV parse + typed conversion of the file, no database";
    }

    @Override
    public Set<BackendKind> backends() {
        return Set.of();
    }

    @Override
    public Baseline baseline() {
        return Baseline.PARSE;
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) {
        return () -> TypedCsvReader.read(context.csv(), context.columns(), Long.MAX_VALUE, row -> sink += row.length);
    }
}
