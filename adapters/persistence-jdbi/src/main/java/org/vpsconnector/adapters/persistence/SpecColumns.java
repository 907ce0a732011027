package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.VpsSpec;

/**
 * A {@link VpsSpec} flattened into columns; every column is null when there is no spec (the
 * target of an operation that carries none). Root's password hash is kept sealed: a crypt hash
 * can still be guessed at offline, so a copy of the database must not hold it readable.
 */
public record SpecColumns(String name, String description, Integer memoryGb, Integer diskspaceGb,
                          Integer cpuCount, Boolean vm, String platformArch, String platformOsName,
                          String platformOsVersion, UUID contextId, UUID subscriptionId, String sshKeys,
                          String passwordHash) {

    private static final SpecColumns NONE = new SpecColumns(null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** {@code rowId}: the row the columns are stored in; root's password hash is sealed for it. */
    static SpecColumns of(VpsSpec spec, UUID rowId, SecretSealing sealing) {
        if (spec == null) {
            return NONE;
        }
        Hardware hardware = spec.hardware();
        Platform platform = spec.platform();
        return new SpecColumns(spec.name(), spec.description(), hardware.memoryGb(), hardware.diskspaceGb(),
                hardware.cpuCount(), hardware.vm(), platform.arch(), platform.osName(), platform.osVersion(),
                spec.contextId(), spec.subscriptionId(),
                // One key a line: a key is one line (SshKeys), so the lines give the keys back.
                spec.login().sshKeys().isEmpty() ? null : String.join("\n", spec.login().sshKeys()),
                spec.login().hasPassword() ? sealing.seal(rowId, spec.login().passwordHash().reveal()) : null);
    }

    /** The spec, or null when these columns hold none (hardware is what every spec has). */
    VpsSpec toSpec(UUID rowId, SecretSealing sealing) {
        if (memoryGb == null) {
            return null;
        }
        return new VpsSpec(name, description, new Hardware(memoryGb, diskspaceGb, cpuCount, vm),
                new Platform(platformArch, platformOsName, platformOsVersion), contextId, subscriptionId,
                new Login(sshKeys == null || sshKeys.isEmpty() ? List.of() : List.of(sshKeys.split("\n")),
                        passwordHash == null ? null : Secret.of(sealing.open(rowId, passwordHash))));
    }

    @Override
    public String toString() {
        return "SpecColumns[name=" + name + ", hardware=" + memoryGb + "/" + diskspaceGb + "/" + cpuCount + "/" + vm
                + ", platform=" + platformArch + "/" + platformOsName + "/" + platformOsVersion
                + ", sshKeys=" + sshKeys + ", passwordHash=" + (passwordHash == null ? null : "(hidden)") + "]";
    }
}
