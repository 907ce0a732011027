package org.vpsconnector.adapters.docker;

import java.util.Objects;
import org.vpsconnector.domain.Secret;

/**
 * The account the engine logs in with to pull images from one registry.
 *
 * @param host     the registry as image names spell it: {@code registry.example.net}, {@code 127.0.0.1:5000};
 *                 {@code docker.io} for images named without one
 * @param username the account
 * @param password its password or token, never logged
 */
public record RegistryCredentials(String host, String username, Secret password) {

    public RegistryCredentials {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a registry's host must not be blank");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the username for registry " + host + " must not be blank");
        }
        Objects.requireNonNull(password, "the password for registry " + host);
    }
}
