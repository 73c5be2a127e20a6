package io.nifimdm.core;

/**
 * Base of every error mdm-core reports to its callers. The message is written for the person
 * who configured the flow or typed the command: it names the dataset, table or column at fault
 * and says what to change. Never includes passwords or credentialed URLs.
 */
public class MdmException extends RuntimeException {

    public MdmException(String message) {
        super(message);
    }

    public MdmException(String message, Throwable cause) {
        super(message, cause);
    }
}
