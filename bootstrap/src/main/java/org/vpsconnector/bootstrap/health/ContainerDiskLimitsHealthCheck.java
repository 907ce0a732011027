package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;
import org.vpsconnector.adapters.docker.DockerContainerBackend;

/**
 * Whether the Docker engine caps each container VPS at its diskspace. Unhealthy while container
 * VPSes are refused for it, or while the engine has not said; healthy with the reason when the
 * configuration accepts them anyway.
 */
public class ContainerDiskLimitsHealthCheck extends HealthCheck {
    private final Supplier<DockerContainerBackend.DiskLimits> diskLimits;

    public ContainerDiskLimitsHealthCheck(Supplier<DockerContainerBackend.DiskLimits> diskLimits) {
        this.diskLimits = diskLimits;
    }

    @Override
    protected Result check() {
        DockerContainerBackend.DiskLimits limits = diskLimits.get();
        if (limits.enforced() == null || limits.refusing()) {
            return Result.unhealthy(limits.description());
        }
        return Result.healthy(limits.description());
    }
}
