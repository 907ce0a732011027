package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.ServiceUnavailableException;

/**
 * A valid request the connector cannot serve as things stand, such as a container VPS on an
 * engine that cannot cap its disk: 503 with the reason, for the operator who must change them.
 */
public class ServiceUnavailableExceptionMapper implements ExceptionMapper<ServiceUnavailableException> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceUnavailableExceptionMapper.class);

    @Override
    public Response toResponse(ServiceUnavailableException e) {
        LOG.warn("Answered 503: {}", e.getMessage());
        return ApsError.response(503, ApsError.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
