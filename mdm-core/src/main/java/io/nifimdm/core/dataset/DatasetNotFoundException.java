package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

/** Opening or dropping a dataset that does not exist. */
public class DatasetNotFoundException extends MdmException {

    public DatasetNotFoundException(String name) {
        super("Dataset '" + name + "' not found");
    }

    /** @param detail why, for example a file of that name that holds no MDM metadata */
    public DatasetNotFoundException(String name, String detail) {
        super("Dataset '" + name + "' not found: " + detail);
    }
}
