package io.nifimdm.cli;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetNames;
import io.nifimdm.core.dataset.DatasetNotFoundException;
import io.nifimdm.core.dataset.DatasetStore;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** A subcommand that works on the store named by the shared options. */
abstract class StoreCommand implements Callable<Integer> {

    @ParentCommand
    MdmCommand root;

    CliIo io() {
        return root.io;
    }

    OutputFormat format() {
        return root.format;
    }

    StoreLocation location() {
        return root.location();
    }

    /** Opens the store (creating an embedded storage directory when missing); the caller closes it. */
    DatasetStore openStore() {
        return location().open();
    }

    /**
     * Opens the store holding an existing dataset; the caller closes it. An embedded storage directory that does
     * not exist is not created: the dataset is simply not found.
     */
    DatasetStore openStoreOf(String datasetName) {
        String normalized = DatasetNames.normalize(datasetName);
        StoreLocation location = location();
        return location.openExisting().orElseThrow(() -> notFound(normalized, location));
    }

    /** The dataset, or exit code 3 with the store named. */
    Dataset open(DatasetStore store, String datasetName) {
        String normalized = DatasetNames.normalize(datasetName);
        try {
            return store.open(normalized);
        } catch (DatasetNotFoundException e) {
            throw notFound(normalized, location());
        }
    }

    static CliException notFound(String normalized, StoreLocation location) {
        return new CliException(ExitCodes.NOT_FOUND, "Dataset '" + normalized + "' not found in " + location.display()
                + " (mdm list shows the datasets there)");
    }
}
