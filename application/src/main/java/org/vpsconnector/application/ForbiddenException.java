package org.vpsconnector.application;

/** The client may not act for the addressed application instance (APS 403); nothing was done. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
