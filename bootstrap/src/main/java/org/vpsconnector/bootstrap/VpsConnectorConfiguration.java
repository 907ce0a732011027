package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.bootstrap.config.ApsConfiguration;
import org.vpsconnector.bootstrap.config.BackendsConfiguration;
import org.vpsconnector.bootstrap.config.DatabaseConfiguration;
import org.vpsconnector.bootstrap.config.DriverConfiguration;
import org.vpsconnector.bootstrap.config.ProvisioningConfiguration;

public class VpsConnectorConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfiguration database = new DatabaseConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private BackendsConfiguration backends = new BackendsConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private ProvisioningConfiguration provisioning = new ProvisioningConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private DriverConfiguration driver = new DriverConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private ApsConfiguration aps = new ApsConfiguration();

    public DatabaseConfiguration getDatabase() {
        return database;
    }

    public BackendsConfiguration getBackends() {
        return backends;
    }

    public ProvisioningConfiguration getProvisioning() {
        return provisioning;
    }

    public DriverConfiguration getDriver() {
        return driver;
    }

    public ApsConfiguration getAps() {
        return aps;
    }
}
