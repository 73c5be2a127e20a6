package io.nifimdm.core.dataset;

import java.sql.Connection;
import java.sql.SQLException;

/** What a store does for its open datasets: hand out connections and run write transactions under its locks. */
interface DatasetHost {

    Connection openReadConnection(String dataset) throws SQLException;

    <T> T write(String dataset, WriteMode mode, SqlWork<T> work);
}
