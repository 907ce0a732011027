package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.AdminFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Dropwizard's admin section with who may use the admin port (tasks, metrics, anything but the
 * health check): HTTP Basic credentials. Without a password, the service makes one and keeps it
 * under its data directory.
 */
public class AdminConfiguration extends AdminFactory {
    @NotBlank
    @Pattern(regexp = "[^:]+", message = "must not contain ':' (HTTP Basic separates user and password with it)")
    @JsonProperty
    private String user = "operator";

    @JsonProperty
    private String password;

    public String user() {
        return user;
    }

    /** The configured password, or null when the service is to make (or reuse) one of its own. */
    public String password() {
        return password == null || password.isEmpty() ? null : password;
    }
}
