package org.vpsconnector.adapters.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.domain.InvalidRequestException;

/** What the operator did wrong, or what stands in the way, as {@code {"code", "type", "message"}}; anything else is the server's fault. */
public class ConsoleErrors implements ExceptionMapper<RuntimeException> {

    public record Error(int code, String type, String message) {
    }

    @Override
    public Response toResponse(RuntimeException failure) {
        if (failure instanceof jakarta.ws.rs.WebApplicationException web) {
            return error(web.getResponse().getStatus(), web.getResponse().getStatusInfo().getReasonPhrase(), web.getMessage());
        }
        if (failure instanceof InvalidRequestException) {
            return error(400, "InvalidRequest", failure.getMessage());
        }
        if (failure instanceof NotFoundException) {
            return error(404, "NotFound", failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return error(409, "Conflict", failure.getMessage());
        }
        if (failure instanceof ServiceUnavailableException) {
            return error(503, "ServiceUnavailable", failure.getMessage());
        }
        throw failure;
    }

    private static Response error(int code, String type, String message) {
        return Response.status(code).type(MediaType.APPLICATION_JSON_TYPE).entity(new Error(code, type, message)).build();
    }
}
