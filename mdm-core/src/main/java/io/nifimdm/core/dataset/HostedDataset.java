package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.Backend;

import java.sql.Connection;
import java.sql.SQLException;

/** A dataset of a store: its name and place, with connections and transactions provided by the store. */
final class HostedDataset implements Dataset {

    private final DatasetHost host;
    private final String name;
    private final String schema;
    private final Backend backend;
    private final SqlDatasetMetadata metadata;

    HostedDataset(DatasetHost host, String name, String schema, Backend backend) {
        this.host = host;
        this.name = name;
        this.schema = schema;
        this.backend = backend;
        this.metadata = new SqlDatasetMetadata(backend, schema);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DatasetMetadata metadata() {
        return metadata;
    }

    @Override
    public Connection openReadConnection() throws SQLException {
        return host.openReadConnection(name);
    }

    @Override
    public <T> T write(WriteMode mode, SqlWork<T> work) {
        return host.write(name, mode, work);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + backend.kind().id() + "]";
    }
}
