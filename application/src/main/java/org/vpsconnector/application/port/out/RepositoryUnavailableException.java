package org.vpsconnector.application.port.out;

/**
 * The database could not be reached, or did not answer in time: a connection was refused, broke,
 * or timed out. Nothing is known about the data: the work may be run again when the database is
 * back (a transaction whose commit was cut off may have been written, so the work must read
 * before it writes). It says nothing about the backends: a server built meanwhile still exists.
 */
public class RepositoryUnavailableException extends RuntimeException {
    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
