package io.nifimdm.cli;

import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetSummary;
import io.nifimdm.core.dataset.TableKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The catalog as list and search show it. */
final class DatasetRows {

    private DatasetRows() {
    }

    /** A dataset as the catalog lists it, with the room it takes on disk. */
    record Listed(DatasetSummary summary, long sizeBytes) {
    }

    /** Every dataset of the store; none when an embedded storage directory does not exist yet. */
    static List<Listed> all(StoreLocation location) {
        var store = location.openExisting();
        if (store.isEmpty()) {
            return List.of();
        }
        try (DatasetStore opened = store.get()) {
            List<Listed> listed = new ArrayList<>();
            for (DatasetSummary summary : opened.list()) {
                listed.add(new Listed(summary, size(location, opened, summary.info().name())));
            }
            return listed;
        }
    }

    private static long size(StoreLocation location, DatasetStore store, String name) {
        try {
            return DatasetSize.bytes(location, store.open(name));
        } catch (SQLException | RuntimeException e) {
            return -1; // removed meanwhile, or unreadable: listed without a size rather than not at all
        }
    }

    static long dataTables(DatasetSummary summary) {
        return summary.tables().stream().filter(t -> t.kind() == TableKind.DATA).count();
    }

    static String problemType(DatasetInfo info) {
        return info.problemType() == null ? null : info.problemType().id();
    }
}
