package org.vpsconnector.domain;

import java.util.List;

/**
 * What a configure asks of the login: {@code sshKeys} replaces the authorised keys and
 * {@code passwordHash} root's password; either one null keeps what the VPS has. The controller
 * never gets the password back, so a configure that does not send it must not clear it.
 */
public record LoginChange(List<String> sshKeys, Secret passwordHash) {
    /** A configure without {@code login}: the VPS keeps its login. */
    public static final LoginChange KEEP = new LoginChange(null, null);

    public LoginChange {
        sshKeys = sshKeys == null ? null : List.copyOf(sshKeys);
    }

    /** The change that makes a VPS have exactly {@code login}'s keys, and its password when it has one. */
    public static LoginChange to(Login login) {
        return new LoginChange(login.sshKeys(), login.passwordHash());
    }

    public Login applyTo(Login current) {
        return new Login(sshKeys == null ? current.sshKeys() : sshKeys,
                passwordHash == null ? current.passwordHash() : passwordHash);
    }
}
