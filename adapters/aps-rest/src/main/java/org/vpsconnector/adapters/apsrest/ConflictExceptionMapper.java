package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.vpsconnector.application.ConflictException;

/** A request that contradicts work under way or what exists: 409. */
public class ConflictExceptionMapper implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
        return ApsError.response(409, ApsError.CONFLICT, e.getMessage());
    }
}
