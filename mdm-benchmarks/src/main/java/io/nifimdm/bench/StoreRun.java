package io.nifimdm.bench;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;

/**
 * A run against a fresh, empty dataset of a fresh store; closing drops the dataset and closes the
 * store (untimed), so runs never see each other's data.
 */
public abstract class StoreRun implements Scenario.Run {

    protected final BenchContext context;
    protected final BackendKind kind;
    protected final DatasetStore store;
    protected final Dataset dataset;

    protected StoreRun(BenchContext context, BackendKind kind) throws Exception {
        this.context = context;
        this.kind = kind;
        this.store = context.openStore(kind);
        try {
            String name = BenchContext.datasetName();
            this.dataset = store.create(name, name);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            store.drop(dataset.name());
        } finally {
            store.close();
        }
    }
}
