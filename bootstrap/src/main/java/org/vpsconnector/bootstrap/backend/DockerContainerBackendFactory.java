package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.Map;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.bootstrap.logging.MdcLogContext;

/** Containers on a Docker engine; the default image is the one scripts/start-docker.sh builds. */
@JsonTypeName("docker")
public class DockerContainerBackendFactory implements ContainerBackendFactory {
    @NotEmpty
    @JsonProperty
    private String dockerHost = DockerSettings.DEFAULT_DOCKER_HOST;

    /** Image per {@code platform.OS}, keyed by {@code name-version} or {@code name}. */
    @NotNull
    @JsonProperty
    private Map<String, String> imagesByOs = Map.of();

    @NotEmpty
    @JsonProperty
    private String defaultImage = DockerSettings.DEFAULT_IMAGE;

    @NotEmpty
    @JsonProperty
    private String owner = DockerSettings.DEFAULT_OWNER;

    @NotEmpty
    @JsonProperty
    private String networkMode = DockerSettings.DEFAULT_NETWORK_MODE;

    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(DockerSettings.DEFAULT_CALL_TIMEOUT.toSeconds());

    @Override
    public ContainerBackend build(Environment environment, Clock clock) {
        DockerContainerBackend backend = new DockerContainerBackend(new DockerSettings(dockerHost, imagesByOs,
                defaultImage, owner, networkMode, callTimeout.toJavaDuration()), MdcLogContext.INSTANCE);
        environment.lifecycle().manage(new ClosingOnStop(backend));
        return backend;
    }
}
