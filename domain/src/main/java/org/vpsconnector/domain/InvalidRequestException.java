package org.vpsconnector.domain;

/** A request asks for something that cannot be: the controller must change it (APS 400). */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
