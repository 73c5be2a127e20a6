package io.nifimdm.core.features;

/**
 * Told how far a feature run is, after the fit and after each feature table (the engine builds a table in one
 * statement, so a table is the finest step), for progress displays.
 */
@FunctionalInterface
public interface FeatureProgress {

    FeatureProgress NONE = (step, rowsDone, rowsTotal) -> {
    };

    /**
     * @param step      what just finished: {@code "start"}, {@code "fit <table>"} or the feature table built
     * @param rowsDone  source rows processed so far (a fit counts its table's rows, a build its table's)
     * @param rowsTotal the rows the whole run processes, as the dataset's metadata counts them
     */
    void update(String step, long rowsDone, long rowsTotal);
}
