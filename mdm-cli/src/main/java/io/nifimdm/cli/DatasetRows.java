package io.nifimdm.cli;

import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetSummary;
import io.nifimdm.core.dataset.TableKind;

import java.util.List;

/** The catalog as list and search show it. */
final class DatasetRows {

    private DatasetRows() {
    }

    /** Every dataset of the store; none when an embedded storage directory does not exist yet. */
    static List<DatasetSummary> all(StoreLocation location) {
        var store = location.openExisting();
        if (store.isEmpty()) {
            return List.of();
        }
        try (DatasetStore opened = store.get()) {
            return opened.list();
        }
    }

    static long dataTables(DatasetSummary summary) {
        return summary.tables().stream().filter(t -> t.kind() == TableKind.DATA).count();
    }

    static String problemType(DatasetInfo info) {
        return info.problemType() == null ? null : info.problemType().id();
    }
}
