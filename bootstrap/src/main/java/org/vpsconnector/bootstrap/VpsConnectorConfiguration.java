package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.AdminFactory;
import io.dropwizard.logging.common.LoggingFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.vpsconnector.bootstrap.config.AdminConfiguration;
import org.vpsconnector.bootstrap.config.ApsConfiguration;
import org.vpsconnector.bootstrap.config.BackendsConfiguration;
import org.vpsconnector.bootstrap.config.CallbacksConfiguration;
import org.vpsconnector.bootstrap.config.DatabaseConfiguration;
import org.vpsconnector.bootstrap.config.DriverConfiguration;
import org.vpsconnector.bootstrap.config.ProvisioningConfiguration;
import org.vpsconnector.bootstrap.logging.LogFormats;
import org.vpsconnector.bootstrap.config.RetentionConfiguration;
import org.vpsconnector.bootstrap.config.UsageConfiguration;

public class VpsConnectorConfiguration extends Configuration {
    private static final java.time.Duration LEASE_MARGIN = java.time.Duration.ofMillis(500);

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

    @Valid
    @NotNull
    @JsonProperty
    private CallbacksConfiguration callbacks = new CallbacksConfiguration();
    private UsageConfiguration usage = new UsageConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private RetentionConfiguration retention = new RetentionConfiguration();

    /** Where the service keeps its own files, such as a generated admin password. */
    @NotBlank
    @JsonProperty
    private String dataDirectory = "data";

    public VpsConnectorConfiguration() {
        setAdminFactory(new AdminConfiguration());
        LogFormats.applyTo(getLoggingFactory());
        LogFormats.applyTo(getServerFactory());
    }

    /**
     * An attempt renews its lease before each backend call, so the lease must outlast one call and
     * the writing of its result, or a normal attempt would lose its operation to another driver.
     */
    @JsonIgnore
    @AssertTrue(message = "driver.leaseDuration must exceed backends.callTimeout by at least 500 ms")
    public boolean isLeaseLongerThanABackendCall() {
        return driver.leaseDuration().compareTo(backends.callTimeout().plus(LEASE_MARGIN)) >= 0;
    }

    public CallbacksConfiguration getCallbacks() {
        return callbacks;
    }

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

    public UsageConfiguration getUsage() {
        return usage;
    }

    public RetentionConfiguration getRetention() {
        return retention;
    }

    /** Dropwizard's {@code admin} section, which here also names the operator's credentials. */
    @Override
    @JsonProperty("admin")
    @JsonDeserialize(as = AdminConfiguration.class)
    public void setAdminFactory(AdminFactory factory) {
        super.setAdminFactory(factory);
    }

    /** Dropwizard's {@code logging} section; its appenders print the APS marks unless they say otherwise. */
    @Override
    @JsonProperty("logging")
    public synchronized void setLoggingFactory(LoggingFactory factory) {
        super.setLoggingFactory(LogFormats.applyTo(factory));
    }

    /** Dropwizard's {@code server} section; its request log prints the APS marks unless it says otherwise. */
    @Override
    @JsonProperty("server")
    public void setServerFactory(ServerFactory factory) {
        super.setServerFactory(LogFormats.applyTo(factory));
    }

    public AdminConfiguration getAdmin() {
        return (AdminConfiguration) getAdminFactory();
    }

    public Path getDataDirectory() {
        return Path.of(dataDirectory);
    }
}
