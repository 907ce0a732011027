package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.vpsconnector.domain.RequestPhase;

/**
 * The APS headers a resource method needs, read from the request's {@code @Context HttpHeaders}. Not a
 * {@code @BeanParam}: Jersey resolves a bean's parameters anew on every request, reflection and
 * exceptions included, which cost more than the rest of a retrieve.
 */
public final class ApsRequestHeaders {
    private final String instanceId;
    private final String controllerUri;
    private final String phase;
    private final String transactionId;

    private ApsRequestHeaders(String instanceId, String controllerUri, String phase, String transactionId) {
        this.instanceId = instanceId;
        this.controllerUri = controllerUri;
        this.phase = phase;
        this.transactionId = transactionId;
    }

    static ApsRequestHeaders of(HttpHeaders headers) {
        return new ApsRequestHeaders(headers.getHeaderString(ApsHeaders.INSTANCE_ID),
                headers.getHeaderString(ApsHeaders.CONTROLLER_URI), headers.getHeaderString(ApsHeaders.REQUEST_PHASE),
                headers.getHeaderString(ApsHeaders.TRANSACTION_ID));
    }

    UUID instanceId() {
        return ApsIds.parse(instanceId, ApsHeaders.INSTANCE_ID);
    }

    String controllerUri() {
        return controllerUri;
    }

    RequestPhase phase() {
        return RequestPhase.fromHeader(phase);
    }

    /** The request's {@code APS-Transaction-ID}; null when the controller sent none. */
    String transactionId() {
        return transactionId;
    }
}
