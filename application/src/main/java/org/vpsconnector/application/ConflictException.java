package org.vpsconnector.application;

/** The request contradicts work under way or what exists (APS 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
