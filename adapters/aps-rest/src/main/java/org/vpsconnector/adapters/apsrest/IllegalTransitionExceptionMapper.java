package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.vpsconnector.domain.IllegalTransitionException;

/** A request the VPS lifecycle does not allow in its present state: 409, like any other conflict. */
public class IllegalTransitionExceptionMapper implements ExceptionMapper<IllegalTransitionException> {
    @Override
    public Response toResponse(IllegalTransitionException e) {
        return ApsError.response(409, ApsError.CONFLICT, e.getMessage());
    }
}
