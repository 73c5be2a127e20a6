package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.Backend;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog of datasets on one engine: a storage directory of database files (SQLite, DuckDB) or
 * a PostgreSQL database with one schema per dataset. Thread-safe; one instance per NiFi controller
 * service or CLI run. Closing it closes every connection and database instance it opened and releases
 * its locks.
 */
public interface DatasetStore extends AutoCloseable {

    Backend backend();

    /**
     * Where the datasets live, safe to show and to use as a provenance transit URI prefix (never carries
     * credentials): {@code jdbc:sqlite:/abs/dir}, {@code jdbc:duckdb:/abs/dir}, {@code jdbc:postgresql://host:5432/db}.
     */
    String location();

    /**
     * Provenance transit URI of a table: {@code jdbc:sqlite:/abs/dir/<dataset>.sqlite#<table>} (embedded) or
     * {@code jdbc:postgresql://host:5432/db?currentSchema=mdm_<dataset>#<table>}.
     */
    String transitUri(String dataset, String table);

    /** The engine's own version string ("SQLite 3.53.4", "DuckDB v1.5.6", "PostgreSQL 15.20"). */
    String engineVersion();

    /**
     * Creates an empty dataset with its metadata tables. The name is normalised first (spec 1.4).
     *
     * @throws io.nifimdm.core.MdmException "already exists" when a dataset of that name exists (also when another
     *                                      thread or node created it a moment earlier), or for an invalid name;
     *                                      nothing is left behind on failure
     */
    Dataset create(String name, String displayName);

    /** Opens an existing dataset; the name is normalised first. @throws io.nifimdm.core.MdmException "not found" */
    Dataset open(String name);

    boolean exists(String name);

    /** Every dataset of the store, sorted by name. */
    List<DatasetSummary> list();

    /** Removes a dataset with all its tables and metadata (its file, or its schema). @throws MdmException "not found" */
    void drop(String name);

    /**
     * A plain JDBC connection to one dataset for generic SQL tools (NiFi's ExecuteSQLRecord / PutDatabaseRecord):
     * the dataset's database file, or the database with the dataset's schema first on the search path.
     * The caller closes it.
     */
    Connection connect(String datasetName) throws SQLException;

    @Override
    void close();
}
