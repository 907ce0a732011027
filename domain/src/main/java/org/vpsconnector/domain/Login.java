package org.vpsconnector.domain;

import java.util.List;
import java.util.Objects;

/**
 * How the customer gets into the server: the SSH public keys authorised for root and root's
 * password as a crypt(3) hash. The password itself never reaches the domain: the boundary that
 * receives it hashes it, so that it is neither stored nor logged in plain text.
 */
public record Login(List<String> sshKeys, Secret passwordHash) {
    public static final Login NONE = new Login(List.of(), null);

    public Login {
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Login login && login.sshKeys.equals(sshKeys) && Objects.equals(login.passwordHash, passwordHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sshKeys, passwordHash);
    }
}
