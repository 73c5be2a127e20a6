package io.nifimdm.core.register;

import java.io.IOException;

/**
 * Tabular content the registrar can read from the start more than once: a column whose later values do not fit
 * the type inferred from the sample is widened and the content read again, so no value is ever lost.
 */
@FunctionalInterface
public interface TableInput {

    TableReader open() throws IOException;
}
