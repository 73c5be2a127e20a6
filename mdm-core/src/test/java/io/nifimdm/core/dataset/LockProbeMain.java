package io.nifimdm.core.dataset;

import java.nio.file.Path;

/** Run in a child JVM by the ownership test: tries to open an SQLite store on a directory and says what happened. */
public final class LockProbeMain {

    private LockProbeMain() {
    }

    public static void main(String[] args) {
        try (DatasetStore store = DatasetStores.sqlite(Path.of(args[0]), SqliteSettings.defaults(), 1)) {
            System.out.println("OPENED " + store.location());
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
