package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Discoverable;
import java.time.Clock;
import java.time.Duration;
import org.vpsconnector.application.port.out.ContainerBackend;

/** Builds the container backend named by {@code type} in the configuration. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface ContainerBackendFactory extends Discoverable {
    ContainerBackend build(Environment environment, Clock clock);

    /** The longest single step the backend runs within one call (an image pull), which a call must outlast. */
    default Duration longestStep() {
        return Duration.ZERO;
    }
}
