package io.nifimdm.bench;

import io.nifimdm.core.backend.BackendKind;
import java.util.Set;

/**
 * One thing the benchmark times. A scenario runs once per engine it supports (or once, engine
 * independent, when {@link #backends()} is empty). Each run is prepared untimed ({@link #prepare}:
 * fresh database, schema, store), then {@link Run#execute()} is timed, then {@link Run#close()}
 * cleans up untimed. Scenarios are found through {@link ScenarioRegistry}: the built-in ones plus
 * any registered in {@code META-INF/services/io.nifimdm.bench.Scenario} of a jar on the class path,
 * so later modules (the processors' RegisterDataset, features, query, export) add theirs without
 * touching this module.
 */
public interface Scenario {

    /** Short unique name, used on the command line ({@code --scenarios}) and in the table. */
    String name();

    /** One line for {@code --list}. */
    String description();

    /** Engines this scenario runs on; empty when it does not touch a database. */
    Set<BackendKind> backends();

    /** Which baseline this scenario is, if any: other rows of the same engine are compared with it. */
    default Baseline baseline() {
        return Baseline.NONE;
    }

    /**
     * Prepares one run (untimed).
     *
     * @param backend the engine, or null for an engine-independent scenario
     */
    Run prepare(BenchContext context, BackendKind backend) throws Exception;

    /** One prepared run. */
    interface Run extends AutoCloseable {

        /** The timed part. Returns the rows it processed (fewer than the file's when the scenario caps them). */
        long execute() throws Exception;

        /** A note for the table, such as a fallback that was taken; null for none. Read after {@link #execute()}. */
        default String note() {
            return null;
        }

        /** Untimed clean-up. */
        @Override
        default void close() throws Exception {
        }
    }

    /** The baselines every other row is compared with in the same run. */
    enum Baseline {
        NONE,
        /** The engine's own loader reading the CSV file. */
        NATIVE,
        /** Row-by-row JDBC batch insert in one transaction, as NiFi's PutDatabaseRecord does. */
        JDBC_BATCH,
        /** Parsing the CSV with typed conversion, no database. */
        PARSE
    }
}
