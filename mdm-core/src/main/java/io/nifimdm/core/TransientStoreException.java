package io.nifimdm.core;

/**
 * The store could not be reached or gave up for a reason that may pass (server down, connection
 * reset, lock timeout). Callers retry later instead of blaming the data: a processor rolls back
 * and yields or routes to retry, never to failure.
 */
public class TransientStoreException extends MdmException {

    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
