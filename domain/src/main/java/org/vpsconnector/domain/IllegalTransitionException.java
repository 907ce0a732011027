package org.vpsconnector.domain;

/** A state change that the lifecycle or the operation model does not allow. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
