package org.vpsconnector.application;

/** The connector cannot do what is asked now, through no fault of the request (APS 503). */
public class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message) {
        super(message);
    }
}
