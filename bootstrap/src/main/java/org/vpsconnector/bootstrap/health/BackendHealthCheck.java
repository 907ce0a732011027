package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerBackend;

/** Healthy while the backend answers. */
public class BackendHealthCheck extends HealthCheck {
    private final ServerBackend backend;

    public BackendHealthCheck(ServerBackend backend) {
        this.backend = backend;
    }

    @Override
    protected Result check() {
        try {
            backend.ping();
            return Result.healthy();
        } catch (BackendException unreachable) {
            return Result.unhealthy(unreachable.getMessage());
        }
    }
}
