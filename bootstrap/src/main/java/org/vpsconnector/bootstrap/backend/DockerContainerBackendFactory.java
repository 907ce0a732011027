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

/** Containers on a Docker engine; the default images are the ones scripts/start-docker.sh builds. */
@JsonTypeName("docker")
public class DockerContainerBackendFactory implements ContainerBackendFactory {
    @NotEmpty
    @JsonProperty
    private String dockerHost = DockerSettings.DEFAULT_DOCKER_HOST;

    /**
     * The operating systems offered, keyed {@code name-version}, each with its image, in the order
     * of the configuration file: the first is the one of a VPS whose platform names none.
     */
    @NotEmpty
    @JsonProperty
    private Map<String, String> imagesByOs = DockerSettings.defaultImagesByOs();

    @NotEmpty
    @JsonProperty
    private String owner = DockerSettings.DEFAULT_OWNER;

    @NotEmpty
    @JsonProperty
    private String networkMode = DockerSettings.DEFAULT_NETWORK_MODE;

    /**
     * Where LXCFS is mounted on the engine's host (scripts/start-lxcfs.sh): containers then see their
     * own CPUs and memory in /proc and /sys. Empty: they see the host's, their limits only in their cgroup.
     */
    @JsonProperty
    private String lxcfsDirectory;

    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(DockerSettings.DEFAULT_CALL_TIMEOUT.toSeconds());

    @Override
    public ContainerBackend build(Environment environment, Clock clock) {
        DockerContainerBackend backend = new DockerContainerBackend(new DockerSettings(dockerHost, imagesByOs,
                owner, networkMode, callTimeout.toJavaDuration(), lxcfsDirectory), MdcLogContext.INSTANCE);
        environment.lifecycle().manage(new ClosingOnStop(backend));
        return backend;
    }
}
