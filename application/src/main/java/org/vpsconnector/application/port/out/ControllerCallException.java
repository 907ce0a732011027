package org.vpsconnector.application.port.out;

/** A call to the controller that did not succeed; the message says why, for the operator. */
public class ControllerCallException extends RuntimeException {
    public ControllerCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
