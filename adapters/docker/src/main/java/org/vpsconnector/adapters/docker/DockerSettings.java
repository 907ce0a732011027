package org.vpsconnector.adapters.docker;

import java.time.Duration;
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
 */
public record DockerSettings(String dockerHost, Map<String, String> imagesByOs, String defaultImage, String owner,
                             String networkMode, Duration callTimeout) {

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** Built on every machine by {@code scripts/start-docker.sh}: no registry is needed. */
    public static final String DEFAULT_IMAGE = "vps-connector/base:latest";
    public static final String DEFAULT_OWNER = "vps-connector";
    public static final String DEFAULT_NETWORK_MODE = "none";
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public DockerSettings {
        requireText("dockerHost", dockerHost);
        imagesByOs = Map.copyOf(Objects.requireNonNull(imagesByOs, "imagesByOs"));
        requireText("defaultImage", defaultImage);
        requireText("owner", owner);
        requireText("networkMode", networkMode);
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
    }

    public static DockerSettings defaults() {
        return new DockerSettings(DEFAULT_DOCKER_HOST, Map.of(), DEFAULT_IMAGE, DEFAULT_OWNER, DEFAULT_NETWORK_MODE,
                DEFAULT_CALL_TIMEOUT);
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

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
