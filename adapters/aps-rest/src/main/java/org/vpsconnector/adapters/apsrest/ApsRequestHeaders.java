package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.HeaderParam;
import java.util.UUID;
import org.vpsconnector.domain.RequestPhase;

/** The APS headers a resource method needs, read as a {@code @BeanParam}. */
public class ApsRequestHeaders {

    @HeaderParam(ApsHeaders.INSTANCE_ID)
    private String instanceId;

    @HeaderParam(ApsHeaders.CONTROLLER_URI)
    private String controllerUri;

    @HeaderParam(ApsHeaders.REQUEST_PHASE)
    private String phase;

    @HeaderParam(ApsHeaders.TRANSACTION_ID)
    private String transactionId;

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
