package org.vpsconnector.domain;

/** The {@code APS-Request-Phase} of a request: the first call, or a poll after a 202. */
public enum RequestPhase {
    SYNC,
    ASYNC;

    public static RequestPhase fromHeader(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("sync")) {
            return SYNC;
        }
        if (value.trim().equalsIgnoreCase("async")) {
            return ASYNC;
        }
        throw new InvalidRequestException("APS-Request-Phase must be 'sync' or 'async', got '" + value + "'");
    }
}
