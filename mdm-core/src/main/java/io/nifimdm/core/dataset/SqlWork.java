package io.nifimdm.core.dataset;

import java.sql.Connection;

/** Work done inside one dataset transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws Exception;
}
