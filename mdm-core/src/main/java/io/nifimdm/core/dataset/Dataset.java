package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.Backend;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An open dataset of a {@link DatasetStore}. Cheap to obtain and thread-safe; it does not own
 * connections beyond the calls below, so there is nothing to close.
 */
public interface Dataset {

    /** Normalised name. */
    String name();

    /** The PostgreSQL schema holding the dataset, or null on embedded engines (one file per dataset). */
    String schema();

    Backend backend();

    /** Reads and writes the dataset's {@code _mdm_} metadata tables on a connection of this dataset. */
    DatasetMetadata metadata();

    /**
     * A connection for reading, with the dataset in scope (the file on embedded engines; the schema on the
     * search path on PostgreSQL). Readers see committed data only and never block writers. The caller closes it.
     */
    Connection openReadConnection() throws SQLException;

    /**
     * Runs {@code work} in one transaction on a connection of this dataset and commits; any exception rolls back
     * everything the work did and is rethrown (an {@link io.nifimdm.core.MdmException} as it is, engine errors
     * wrapped: {@link io.nifimdm.core.TransientStoreException} where the engine was unreachable). DDL inside the
     * work is serialised per dataset, so concurrent {@code CREATE TABLE}s do not conflict.
     */
    <T> T write(WriteMode mode, SqlWork<T> work);
}
