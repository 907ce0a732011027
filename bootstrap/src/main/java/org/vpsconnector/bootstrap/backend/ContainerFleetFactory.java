package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import org.vpsconnector.application.port.out.ContainerBackend;

/** Several Docker engines: see {@link FleetFactory}. */
@JsonTypeName("fleet")
public class ContainerFleetFactory extends FleetFactory<ContainerBackendFactory> implements ContainerBackendFactory {
    /** A host without a {@code type} is a Docker engine. */
    @Valid
    @NotEmpty
    @JsonProperty
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = DockerContainerBackendFactory.class)
    private List<@NotNull ContainerBackendFactory> hosts = List.of();

    @Override
    public List<ContainerBackendFactory> hosts() {
        return hosts;
    }

    @Override
    List<ContainerBackendFactory> listedHosts() {
        return hosts;
    }

    @Override
    public ContainerBackend build(Environment environment, Clock clock, String host) {
        throw notAHost();
    }


    @Override
    public java.time.Duration longestStep() {
        return hosts.stream().map(ContainerBackendFactory::longestStep).max(java.time.Duration::compareTo)
                .orElse(java.time.Duration.ZERO);
    }
}
