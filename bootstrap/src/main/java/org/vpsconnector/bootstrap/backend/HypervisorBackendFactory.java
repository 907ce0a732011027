package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Discoverable;
import java.time.Clock;
import org.vpsconnector.application.port.out.HypervisorBackend;

/** Builds the hypervisor backend named by {@code type} in the configuration. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface HypervisorBackendFactory extends Discoverable {
    HypervisorBackend build(Environment environment, Clock clock);
}
