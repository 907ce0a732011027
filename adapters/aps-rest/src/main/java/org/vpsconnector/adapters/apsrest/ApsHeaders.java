package org.vpsconnector.adapters.apsrest;

/** Names of the APS headers we read and write (protocol §4); JAX-RS compares them case-insensitively. */
public final class ApsHeaders {
    public static final String CONTROLLER_URI = "APS-Controller-URI";
    public static final String INSTANCE_ID = "APS-Instance-ID";
    public static final String REQUEST_PHASE = "APS-Request-Phase";
    public static final String RETRY_TIMEOUT = "APS-Retry-Timeout";
    public static final String INFO = "APS-Info";
    public static final String TRANSACTION_ID = "APS-Transaction-ID";

    private ApsHeaders() {
    }
}
