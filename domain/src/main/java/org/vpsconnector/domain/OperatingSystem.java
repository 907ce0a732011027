package org.vpsconnector.domain;

import java.util.List;
import java.util.Objects;

/** An operating system a backend has an image of, as {@code platform.OS} names it. */
public record OperatingSystem(String name, String version) {

    public OperatingSystem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The system of {@code offered} that {@code platform} asks for: the first offered one when it
     * names no OS. Throws an {@link InvalidRequestException} naming what is offered when none fits.
     */
    public static OperatingSystem choose(List<OperatingSystem> offered, Platform platform) {
        if (offered.isEmpty()) {
            throw new InvalidRequestException("no operating system is offered for this kind of VPS");
        }
        if (platform.osName() == null && platform.osVersion() == null) {
            return offered.get(0);
        }
        return offered.stream().filter(system -> system.fits(platform)).findFirst().orElseThrow(() ->
                new InvalidRequestException("platform.OS " + describe(platform) + " is not offered; offered: "
                        + String.join(", ", offered.stream().map(OperatingSystem::toString).toList())));
    }

    /** Whether {@code platform} asks for this system: same name (any case), and same version when it names one. */
    public boolean fits(Platform platform) {
        return name.equalsIgnoreCase(platform.osName() == null ? "" : platform.osName().strip())
                && (platform.osVersion() == null || version.equalsIgnoreCase(platform.osVersion().strip()));
    }

    /** The platform a VPS of this system shows: the architecture asked for, this system's name and version. */
    public Platform asPlatform(String arch) {
        return new Platform(arch, name, version);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }

    private static String describe(Platform platform) {
        return (platform.osName() == null ? "(no name)" : platform.osName())
                + (platform.osVersion() == null ? "" : " " + platform.osVersion());
    }
}
