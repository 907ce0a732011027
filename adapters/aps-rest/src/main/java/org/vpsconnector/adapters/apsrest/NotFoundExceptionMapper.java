package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.vpsconnector.application.NotFoundException;

/** An unknown instance, context or VPS: 404. */
public class NotFoundExceptionMapper implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
        return ApsError.response(404, ApsError.NOT_FOUND, e.getMessage());
    }
}
