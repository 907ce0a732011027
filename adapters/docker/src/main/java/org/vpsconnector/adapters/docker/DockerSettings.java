package org.vpsconnector.adapters.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vpsconnector.domain.Platform;

/**
 * Where the Docker engine is and how VPS containers are made on it.
 *
 * @param dockerHost   the engine's address, {@code unix:///...} or {@code tcp://host:port}
 * @param imagesByOs   image per {@code platform.OS}, keyed by {@code name-version} or by {@code name}
 * @param defaultImage the image of a VPS whose platform has no entry in {@code imagesByOs}
 * @param owner        the value of the owner label: connector installations sharing one engine use
 *                     different values and never see each other's containers
 * @param networkMode  Docker network mode of the containers ({@code none}, {@code bridge}, a network name)
 * @param callTimeout  how long one call to the engine may take; longer than the 5 s a stop grants a VPS
 * @param unenforceableDiskLimits what becomes of container VPSes when the engine cannot cap a container's size
 * @param registries   credentials for the registries images are pulled from, by registry host
 * @param pullTimeout  how long pulling a missing image may take before the operation fails
 */
public record DockerSettings(String dockerHost, Map<String, String> imagesByOs, String defaultImage, String owner,
                             String networkMode, Duration callTimeout, UnenforceableDiskLimits unenforceableDiskLimits,
                             List<RegistryCredentials> registries, Duration pullTimeout) {

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** Built on every machine by {@code scripts/start-docker.sh}: no registry is needed. */
    public static final String DEFAULT_IMAGE = "vps-connector/base:latest";
    public static final String DEFAULT_OWNER = "vps-connector";
    public static final String DEFAULT_NETWORK_MODE = "none";
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);

    /** What the engine does with container VPSes when it cannot cap their size. */
    public enum UnenforceableDiskLimits {
        /** No container VPS is made: a customer gets the disk that was sold or none. */
        REFUSE,
        /** Container VPSes are made; each is told its diskspace is not enforced. */
        ACCEPT
    }

    public DockerSettings {
        requireText("dockerHost", dockerHost);
        imagesByOs = Map.copyOf(Objects.requireNonNull(imagesByOs, "imagesByOs"));
        requireText("defaultImage", defaultImage);
        requireText("owner", owner);
        requireText("networkMode", networkMode);
        requirePositive("callTimeout", callTimeout);
        Objects.requireNonNull(unenforceableDiskLimits, "unenforceableDiskLimits");
        registries = List.copyOf(Objects.requireNonNull(registries, "registries"));
        requirePositive("pullTimeout", pullTimeout);
    }

    /** Refuses container VPSes on an engine that cannot cap their size; pulls without credentials. */
    public DockerSettings(String dockerHost, Map<String, String> imagesByOs, String defaultImage, String owner,
                          String networkMode, Duration callTimeout) {
        this(dockerHost, imagesByOs, defaultImage, owner, networkMode, callTimeout, UnenforceableDiskLimits.REFUSE,
                List.of(), DEFAULT_PULL_TIMEOUT);
    }

    public static DockerSettings defaults() {
        return new DockerSettings(DEFAULT_DOCKER_HOST, Map.of(), DEFAULT_IMAGE, DEFAULT_OWNER, DEFAULT_NETWORK_MODE,
                DEFAULT_CALL_TIMEOUT);
    }

    public DockerSettings withEngine(String otherDockerHost) {
        return new DockerSettings(otherDockerHost, imagesByOs, defaultImage, owner, networkMode, callTimeout,
                unenforceableDiskLimits, registries, pullTimeout);
    }

    public DockerSettings withUnenforceableDiskLimits(UnenforceableDiskLimits policy) {
        return new DockerSettings(dockerHost, imagesByOs, defaultImage, owner, networkMode, callTimeout, policy,
                registries, pullTimeout);
    }

    public DockerSettings withPulls(List<RegistryCredentials> otherRegistries, Duration otherPullTimeout) {
        return new DockerSettings(dockerHost, imagesByOs, defaultImage, owner, networkMode, callTimeout,
                unenforceableDiskLimits, otherRegistries, otherPullTimeout);
    }

    public DockerSettings withImages(Map<String, String> otherImagesByOs, String otherDefaultImage) {
        return new DockerSettings(dockerHost, otherImagesByOs, otherDefaultImage, owner, networkMode, callTimeout,
                unenforceableDiskLimits, registries, pullTimeout);
    }

    /** The image for a platform: its OS name and version, else its OS name, else the default image. */
    public String imageFor(Platform platform) {
        String name = platform.osName();
        if (name == null) {
            return defaultImage;
        }
        String byVersion = platform.osVersion() == null ? null : imagesByOs.get(name + "-" + platform.osVersion());
        return byVersion != null ? byVersion : imagesByOs.getOrDefault(name, defaultImage);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
