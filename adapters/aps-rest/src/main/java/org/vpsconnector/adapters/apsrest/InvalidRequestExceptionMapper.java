package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.vpsconnector.domain.InvalidRequestException;

/** Input the controller must change: 400. */
public class InvalidRequestExceptionMapper implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
        return ApsError.response(400, ApsError.INVALID_REQUEST, e.getMessage());
    }
}
