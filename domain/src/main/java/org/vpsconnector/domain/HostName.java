package org.vpsconnector.domain;

import java.util.Locale;
import java.util.UUID;

/** The host name a server gets from its VPS {@code name}: a valid RFC 1123 label. */
public final class HostName {
    private static final int MAX_LENGTH = 63;

    private HostName() {
    }

    /**
     * {@code name} lowercased, every run of characters other than letters, digits and hyphens made
     * one hyphen, cut to 63 characters, without leading or trailing hyphens; {@code vps-<first 8 of
     * the id>} when nothing is left.
     */
    public static String of(String name, UUID vpsId) {
        String label = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        label = label.length() > MAX_LENGTH ? label.substring(0, MAX_LENGTH) : label;
        label = label.replaceAll("^-+|-+$", "");
        return label.isEmpty() ? "vps-" + vpsId.toString().substring(0, 8) : label;
    }
}
