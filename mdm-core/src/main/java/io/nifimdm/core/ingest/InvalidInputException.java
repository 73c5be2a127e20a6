package io.nifimdm.core.ingest;

import io.nifimdm.core.MdmException;

/**
 * The content cannot be registered as it is: empty, header only, malformed, ragged, binary, an unsupported
 * compression or format, bad column names. The message says where (line or record number) and what to
 * change. A processor routes the FlowFile to failure; retrying the same content cannot succeed.
 */
public class InvalidInputException extends MdmException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
