package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

/** Creating a dataset whose name is taken. */
public class DatasetExistsException extends MdmException {

    public DatasetExistsException(String name) {
        super("Dataset '" + name + "' already exists");
    }
}
