package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

/**
 * Another dataset store (in this JVM, another NAR version, or another process) holds the storage directory. Not a
 * transient engine error and not bad input: the operator must disable the other store or choose another directory.
 */
public class StorageDirectoryInUseException extends MdmException {

    public StorageDirectoryInUseException(String message) {
        super(message);
    }
}
