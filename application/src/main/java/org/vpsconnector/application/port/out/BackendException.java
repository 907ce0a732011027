package org.vpsconnector.application.port.out;

/**
 * A backend call that did not do its work. A transient failure (daemon down, time-out) is
 * retried with backoff; a permanent one (the backend refuses the request) fails the operation.
 */
public class BackendException extends RuntimeException {
    private final boolean transientFailure;

    public BackendException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static BackendException transientFailure(String message, Throwable cause) {
        return new BackendException(message, true, cause);
    }

    public static BackendException permanentFailure(String message, Throwable cause) {
        return new BackendException(message, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
