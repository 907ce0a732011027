package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Discoverable;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import org.vpsconnector.application.port.out.ContainerBackend;

/** Builds the container backend named by {@code type} in the configuration. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface ContainerBackendFactory extends Discoverable, HostFactory {
    /** The backend of one host; {@code host} names it where it registers anything (a health check). */
    ContainerBackend build(Environment environment, Clock clock, String host);

    /** The hosts this configuration names, each built on its own: this one alone, unless it lists a fleet. */
    default List<? extends ContainerBackendFactory> hosts() {
        return List.of(this);
    }


    /** The longest single step the backend runs within one call (an image pull), which a call must outlast. */
    default Duration longestStep() {
        return Duration.ZERO;
    }
}
