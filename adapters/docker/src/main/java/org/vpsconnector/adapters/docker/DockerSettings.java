package org.vpsconnector.adapters.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vpsconnector.domain.OperatingSystem;

/**
 * Where the Docker engine is and how VPS containers are made on it.
 *
 * @param dockerHost   the engine's address, {@code unix:///...} or {@code tcp://host:port}
 * @param imagesByOs   the operating systems offered, keyed {@code name-version} ({@code debian-12}), each with
 *                     its image, in the order they are offered: the first is the one of a VPS that names none
 * @param owner        the value of the owner label: connector installations sharing one engine use
 *                     different values and never see each other's containers
 * @param networkMode  Docker network of the containers ({@code none}, {@code bridge}, a network name); a
 *                     server's address is the one it has on this network
 * @param callTimeout  how long one call to the engine may take; longer than the 5 s a stop grants a VPS
 * @param lxcfsDirectory where LXCFS is mounted on the engine's host ({@code /var/lib/lxcfs}), so that a
 *                     container sees its own CPUs and memory in /proc and /sys; null for none
 * @param unenforceableDiskLimits what becomes of container VPSes when the engine cannot cap a container's size
 * @param registries   credentials for the registries images are pulled from, by registry host
 * @param pullTimeout  how long pulling a missing image may take before the operation fails
 * @param tlsDirectory the client's TLS material for a {@code tcp://} engine, in Docker's own layout:
 *                     {@code ca.pem} (the authority the engine's certificate must chain to),
 *                     {@code cert.pem} and {@code key.pem} (the client's certificate and key); the engine's
 *                     certificate is verified, its address included. Null for none. Only the path is held:
 *                     the key is read when connecting and never appears in {@link #toString()}
 */
public record DockerSettings(String dockerHost, Map<String, String> imagesByOs, String owner,
                             String networkMode, Duration callTimeout, String lxcfsDirectory,
                             UnenforceableDiskLimits unenforceableDiskLimits, List<RegistryCredentials> registries,
                             Duration pullTimeout, Path tlsDirectory) {

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** Built on every machine by {@code scripts/build-container-image.sh}: Debian 12 with sshd. */
    public static final String DEBIAN_IMAGE = "vps-connector/debian:12";
    /** Built on every machine by {@code scripts/start-docker.sh}: busybox only, for quick tests of the engine. */
    public static final String BUSYBOX_IMAGE = "vps-connector/base:latest";
    public static final String DEFAULT_OWNER = "vps-connector";
    public static final String DEFAULT_NETWORK_MODE = "none";
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);
    /** The files of a TLS directory, as Docker names them. */
    public static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    /** What the engine does with container VPSes when it cannot cap their size. */
    public enum UnenforceableDiskLimits {
        /** No container VPS is made: a customer gets the disk that was sold or none. */
        REFUSE,
        /** Container VPSes are made; each is told its diskspace is not enforced. */
        ACCEPT
    }

    /** {@code name-version}: the version is what follows the last hyphen, so names may have hyphens. */
    private static final Pattern OS_KEY = Pattern.compile("(.*[^-])-([^-]+)");

    public DockerSettings {
        requireText("dockerHost", dockerHost);
        imagesByOs = orderedCopy(Objects.requireNonNull(imagesByOs, "imagesByOs"));
        if (imagesByOs.isEmpty()) {
            throw new IllegalArgumentException("imagesByOs must offer at least one operating system");
        }
        imagesByOs.forEach((os, image) -> {
            operatingSystem(os);
            requireText("imagesByOs." + os, image);
        });
        requireText("owner", owner);
        requireText("networkMode", networkMode);
        requirePositive("callTimeout", callTimeout);
        lxcfsDirectory = lxcfsDirectory == null || lxcfsDirectory.isBlank() ? null : lxcfsDirectory;
        if (lxcfsDirectory != null && !lxcfsDirectory.startsWith("/")) {
            throw new IllegalArgumentException("lxcfsDirectory must be an absolute path, got " + lxcfsDirectory);
        }
        Objects.requireNonNull(unenforceableDiskLimits, "unenforceableDiskLimits");
        registries = List.copyOf(Objects.requireNonNull(registries, "registries"));
        requirePositive("pullTimeout", pullTimeout);
        if (tlsDirectory != null) {
            if (!tlsDirectory.isAbsolute()) {
                throw new IllegalArgumentException("tlsDirectory must be an absolute path, got " + tlsDirectory);
            }
            if (!isTcp(dockerHost)) {
                throw new IllegalArgumentException("tlsDirectory is for an engine reached at tcp://host:port, not at "
                        + dockerHost);
            }
        }
    }

    /** Without TLS material. */
    public DockerSettings(String dockerHost, Map<String, String> imagesByOs, String owner, String networkMode,
                          Duration callTimeout, String lxcfsDirectory, UnenforceableDiskLimits unenforceableDiskLimits,
                          List<RegistryCredentials> registries, Duration pullTimeout) {
        this(dockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory, unenforceableDiskLimits,
                registries, pullTimeout, null);
    }

    /**
     * Refuses container VPSes on an engine that cannot cap their size; pulls without credentials
     * within {@link #DEFAULT_PULL_TIMEOUT}.
     */
    public DockerSettings(String dockerHost, Map<String, String> imagesByOs, String owner, String networkMode,
                          Duration callTimeout, String lxcfsDirectory) {
        this(dockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory, UnenforceableDiskLimits.REFUSE,
                List.of(), DEFAULT_PULL_TIMEOUT);
    }

    /** Containers that see the host's CPUs and memory in /proc. */
    public DockerSettings(String dockerHost, Map<String, String> imagesByOs, String owner, String networkMode,
                          Duration callTimeout) {
        this(dockerHost, imagesByOs, owner, networkMode, callTimeout, null);
    }

    /** Debian 12 first, the busybox image as {@code busybox 1}: the images the scripts build on every machine. */
    public static DockerSettings defaults() {
        return new DockerSettings(DEFAULT_DOCKER_HOST, defaultImagesByOs(), DEFAULT_OWNER, DEFAULT_NETWORK_MODE,
                DEFAULT_CALL_TIMEOUT);
    }

    public static Map<String, String> defaultImagesByOs() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("debian-12", DEBIAN_IMAGE);
        images.put("busybox-1", BUSYBOX_IMAGE);
        return Collections.unmodifiableMap(images);
    }

    /** The same settings with another owner: installations sharing an engine. */
    public DockerSettings withOwner(String otherOwner) {
        return new DockerSettings(dockerHost, imagesByOs, otherOwner, networkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, registries, pullTimeout, tlsDirectory);
    }

    /** The same settings on another network. */
    public DockerSettings withNetworkMode(String otherNetworkMode) {
        return new DockerSettings(dockerHost, imagesByOs, owner, otherNetworkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, registries, pullTimeout, tlsDirectory);
    }

    /** The same settings with containers that see their own CPUs and memory through LXCFS mounted there. */
    public DockerSettings withLxcfs(String directory) {
        return new DockerSettings(dockerHost, imagesByOs, owner, networkMode, callTimeout, directory,
                unenforceableDiskLimits, registries, pullTimeout, tlsDirectory);
    }

    /** The same settings on another engine. */
    public DockerSettings withEngine(String otherDockerHost) {
        return new DockerSettings(otherDockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, registries, pullTimeout, tlsDirectory);
    }

    public DockerSettings withUnenforceableDiskLimits(UnenforceableDiskLimits policy) {
        return new DockerSettings(dockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory, policy,
                registries, pullTimeout, tlsDirectory);
    }

    public DockerSettings withPulls(List<RegistryCredentials> otherRegistries, Duration otherPullTimeout) {
        return new DockerSettings(dockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, otherRegistries, otherPullTimeout, tlsDirectory);
    }

    public DockerSettings withImages(Map<String, String> otherImagesByOs) {
        return new DockerSettings(dockerHost, otherImagesByOs, owner, networkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, registries, pullTimeout, tlsDirectory);
    }

    /** The same settings reaching a {@code tcp://} engine over TLS with the material in {@code directory}; null for none. */
    public DockerSettings withTls(Path directory) {
        return new DockerSettings(dockerHost, imagesByOs, owner, networkMode, callTimeout, lxcfsDirectory,
                unenforceableDiskLimits, registries, pullTimeout, directory);
    }

    /** Whether the engine is reached over the network, where anyone who reaches its port commands it unless TLS verifies them. */
    public boolean reachedOverTcp() {
        return isTcp(dockerHost);
    }

    /** The operating systems offered, in the configured order. */
    public List<OperatingSystem> operatingSystems() {
        List<OperatingSystem> offered = new ArrayList<>();
        imagesByOs.keySet().forEach(os -> offered.add(operatingSystem(os)));
        return List.copyOf(offered);
    }

    /** The image of an offered operating system. */
    public String imageFor(OperatingSystem os) {
        String image = imagesByOs.get(os.name() + "-" + os.version());
        if (image == null) {
            throw new IllegalArgumentException("no image for " + os + "; offered: " + imagesByOs.keySet());
        }
        return image;
    }

    /** The image of the operating system offered first. */
    public String defaultImage() {
        return imagesByOs.values().iterator().next();
    }

    private static boolean isTcp(String host) {
        return host.regionMatches(true, 0, "tcp://", 0, "tcp://".length());
    }

    private static OperatingSystem operatingSystem(String key) {
        Matcher parts = OS_KEY.matcher(key == null ? "" : key);
        if (!parts.matches()) {
            throw new IllegalArgumentException("imagesByOs is keyed name-version (debian-12), got '" + key + "'");
        }
        return new OperatingSystem(parts.group(1), parts.group(2));
    }

    private static Map<String, String> orderedCopy(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
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
