package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.docker.RegistryCredentials;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.bootstrap.health.ContainerDiskLimitsHealthCheck;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import org.vpsconnector.domain.Secret;

/**
 * Containers on a Docker engine; the default images are the ones scripts/start-docker.sh builds.
 *
 * <p>A remote engine is reached at {@code dockerHost: tcp://host:2376} with {@code tlsDirectory}:
 * the engine's certificate is verified against the directory's {@code ca.pem} (its address
 * included) and the connector presents {@code cert.pem} / {@code key.pem}, as {@code docker
 * --tlsverify} does. A {@code tcp://} engine without {@code tlsDirectory} is refused at start
 * unless {@code allowPlainTcp: true} says so explicitly: whoever reaches such a port commands the
 * engine, root on its host included, and sees every login the connector copies in. The opt-out is
 * for an engine behind a tunnel or on a private link the operator trusts.
 */
@JsonTypeName("docker")
public class DockerContainerBackendFactory extends HostConfiguration implements ContainerBackendFactory {
    @NotEmpty
    @JsonProperty
    private String dockerHost = DockerSettings.DEFAULT_DOCKER_HOST;

    /**
     * The connector's TLS material for a {@code tcp://} engine, in Docker's layout: {@code ca.pem},
     * {@code cert.pem}, {@code key.pem} (the key readable by the connector only). Empty: none.
     */
    @JsonProperty
    private String tlsDirectory;

    /** Reach a {@code tcp://} engine without TLS: anyone who reaches the port commands the engine. */
    @JsonProperty
    private boolean allowPlainTcp;

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

    /** {@code refuse}: no container VPS on an engine that cannot cap its size; {@code accept}: made, said unenforced. */
    @NotNull
    @JsonProperty
    private DockerSettings.UnenforceableDiskLimits unenforceableDiskLimits = DockerSettings.UnenforceableDiskLimits.REFUSE;

    /** Accounts for the registries missing images are pulled from. */
    @Valid
    @NotNull
    @JsonProperty
    private List<Registry> registries = List.of();

    /**
     * How long pulling a missing image may take. The pull runs within the create call, so it must end
     * before backends.callTimeout (default 30 s) abandons that call: else a slow pull would be cut off
     * as a transient failure and retried without end instead of failing with the registry's reason.
     */
    @NotNull
    @JsonProperty
    private Duration pullTimeout = Duration.seconds(20);

    /** One registry's account; the password is never logged. */
    public static class Registry {
        @NotEmpty
        @JsonProperty
        private String host;

        @NotEmpty
        @JsonProperty
        private String username;

        @NotNull
        @JsonProperty
        private String password;

        RegistryCredentials toCredentials() {
            return new RegistryCredentials(host, username, Secret.of(password));
        }

        @Override
        public String toString() {
            return "Registry[" + host + " as " + username + "]";
        }
    }

    @JsonIgnore
    @AssertTrue(message = "a tcp:// dockerHost needs a tlsDirectory (ca.pem, cert.pem, key.pem), or allowPlainTcp: true"
            + " to reach it without TLS; a tlsDirectory is an absolute path, for a tcp:// dockerHost only")
    public boolean isTlsConsistent() {
        boolean tcp = dockerHost != null && dockerHost.regionMatches(true, 0, "tcp://", 0, "tcp://".length());
        if (tlsDirectory() == null) {
            return !tcp || allowPlainTcp;
        }
        return tcp && tlsDirectory().isAbsolute();
    }

    private Path tlsDirectory() {
        return tlsDirectory == null || tlsDirectory.isBlank() ? null : Path.of(tlsDirectory);
    }

    /** What the adapter is given; the TLS material is named by its directory, never read here. */
    public DockerSettings settings() {
        return new DockerSettings(dockerHost, imagesByOs, owner, networkMode,
                callTimeout.toJavaDuration(), lxcfsDirectory, unenforceableDiskLimits,
                registries.stream().map(Registry::toCredentials).toList(), pullTimeout.toJavaDuration(), tlsDirectory());
    }

    @Override
    public ContainerBackend build(Environment environment, Clock clock, String host) {
        DockerSettings settings = settings();
        DockerContainerBackend backend = new DockerContainerBackend(settings, MdcLogContext.INSTANCE);
        environment.lifecycle().manage(new ClosingOnStop(backend));
        environment.healthChecks().register(diskLimitsCheckOf(host), new ContainerDiskLimitsHealthCheck(backend::diskLimits));
        return backend;
    }

    /** The one engine of a single backend keeps the check's first name; an engine of a fleet adds its own. */
    private static String diskLimitsCheckOf(String host) {
        return Fleet.CONTAINER_HOST.equals(host) ? "container-disk-limits" : "container-disk-limits-" + host;
    }

    @Override
    public java.time.Duration longestStep() {
        return pullTimeout.toJavaDuration();
    }
}
