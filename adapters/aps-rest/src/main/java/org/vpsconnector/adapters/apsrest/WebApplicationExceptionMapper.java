package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JAX-RS itself refuses (no such address 404, wrong method 405, unsupported body 415,
 * unacceptable answer 406, ...): its status and headers (e.g. {@code Allow}) are kept, its
 * body becomes an APS error.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    private static final Map<Integer, String> TYPES = Map.of(
            400, ApsError.INVALID_REQUEST,
            404, ApsError.NOT_FOUND,
            409, ApsError.CONFLICT,
            500, ApsError.INTERNAL_ERROR);

    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "the request is not valid",
            404, "there is no resource at this address",
            405, "this method is not allowed at this address",
            406, "answers are only available as " + MediaType.APPLICATION_JSON,
            415, "the request body must be " + MediaType.APPLICATION_JSON);

    @Override
    public Response toResponse(WebApplicationException e) {
        Response given = e.getResponse();
        int status = given.getStatus();
        if (status >= 500) {
            LOG.error("Request answered with {}", status, e);
        }
        return Response.fromResponse(given)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApsError(status, typeOf(status), messageOf(e, given)))
                .build();
    }

    private static String typeOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return TYPES.getOrDefault(status, known == null ? "HttpError" : known.getReasonPhrase().replaceAll("[^A-Za-z]", ""));
    }

    // Jersey's own exceptions only say "HTTP 405 Method Not Allowed"; one raised on purpose says more.
    private static String messageOf(WebApplicationException e, Response given) {
        int status = given.getStatus();
        String message = e.getMessage();
        if (message != null && !message.startsWith("HTTP " + status)) {
            return message;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String plain = MESSAGES.getOrDefault(status, known == null ? "HTTP " + status : known.getReasonPhrase());
        return status == 405 && !given.getAllowedMethods().isEmpty()
                ? plain + "; allowed: " + String.join(", ", given.getAllowedMethods())
                : plain;
    }
}
