package io.nifimdm.nifi.services;

import org.apache.nifi.components.DescribedValue;

/** The PostgreSQL driver's {@code sslmode} choices. */
public enum PostgresSslMode implements DescribedValue {
    DISABLE("disable", "Plain connection; never TLS."),
    ALLOW("allow", "Plain connection; TLS only if the server insists."),
    PREFER("prefer", "TLS if the server offers it, plain otherwise; the certificate is not checked."),
    REQUIRE("require", "TLS always; the certificate is not checked."),
    VERIFY_CA("verify-ca", "TLS always; the server certificate must be signed by a trusted authority."),
    VERIFY_FULL("verify-full", "TLS always; the certificate must be trusted and name the host of the Database URL.");

    private final String value;
    private final String description;

    PostgresSslMode(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return value;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
