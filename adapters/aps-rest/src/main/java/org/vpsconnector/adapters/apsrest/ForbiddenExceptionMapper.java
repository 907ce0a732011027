package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.ForbiddenException;

/** A client that may not act for the instance it addresses: 403, and a line for the operator. */
public class ForbiddenExceptionMapper implements ExceptionMapper<ForbiddenException> {
    private static final Logger LOG = LoggerFactory.getLogger(ForbiddenExceptionMapper.class);

    @Override
    public Response toResponse(ForbiddenException e) {
        LOG.warn("Refused a request: {}", e.getMessage());
        return ApsError.response(403, ApsError.FORBIDDEN, e.getMessage());
    }
}
