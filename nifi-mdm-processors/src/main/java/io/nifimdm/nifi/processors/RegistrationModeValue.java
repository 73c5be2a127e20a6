package io.nifimdm.nifi.processors;

import io.nifimdm.core.register.RegistrationMode;
import org.apache.nifi.components.DescribedValue;

/** Registration Mode choices on the canvas. */
public enum RegistrationModeValue implements DescribedValue {
    CREATE("Create", "Create the table; the FlowFile goes to failure when the table already exists",
            RegistrationMode.CREATE),
    REPLACE("Replace", "Build the new table aside and swap it in atomically; readers see the old or the new table, "
            + "never a mix (MDM's --force)", RegistrationMode.REPLACE),
    APPEND("Append", "Add the rows to the table, creating it when missing; columns must match the table's (missing "
            + "ones become null) and types widen safely (integer to decimal, anything to text)",
            RegistrationMode.APPEND);

    private final String displayName;
    private final String description;
    private final RegistrationMode mode;

    RegistrationModeValue(String displayName, String description, RegistrationMode mode) {
        this.displayName = displayName;
        this.description = description;
        this.mode = mode;
    }

    RegistrationMode mode() {
        return mode;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
