package org.vpsconnector.application;

import org.vpsconnector.domain.InvalidRequestException;

/** Presence checks for commands: a missing value is the controller's error (APS 400). */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String what) {
        if (value == null) {
            throw new InvalidRequestException(what + " is missing");
        }
        return value;
    }
}
