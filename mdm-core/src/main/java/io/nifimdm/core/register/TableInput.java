package io.nifimdm.core.register;

import io.nifimdm.core.ingest.InvalidInputException;

import java.io.IOException;

/**
 * Tabular content the registrar can read from the start more than once: a column whose later values do not fit
 * the type inferred from the sample is widened and the content read again, so no value is ever lost.
 */
@FunctionalInterface
public interface TableInput {

    TableReader open() throws IOException;

    /**
     * The same content read differently after a reader found its first guess wrong (a character set that failed
     * later in the content, a JSON key first seen late). Inputs that cannot adjust rethrow the exception.
     */
    default TableInput adjustedFor(InvalidInputException retryable) {
        throw retryable;
    }
}
