package org.vpsconnector.application;

/** The addressed instance, context or VPS does not exist (APS 404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
