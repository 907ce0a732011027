package org.vpsconnector.domain;

/** The {@code platform} property: architecture and operating system; any part may be absent. */
public record Platform(String arch, String osName, String osVersion) {
    public static final Platform UNSPECIFIED = new Platform(null, null, null);

    public Platform {
        StoredText.line(arch, "platform.arch", 255);
        StoredText.line(osName, "platform.OS.name", 255);
        StoredText.line(osVersion, "platform.OS.version", 255);
    }
}
