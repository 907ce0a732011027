package org.vpsconnector.application.port.out;

/**
 * Another transaction wrote the same record first (two requests creating the same VPS at once).
 * Nothing of the failed transaction was written; running the work again sees the other's result.
 */
public class ConcurrentWriteException extends RuntimeException {
    public ConcurrentWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
