package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of every error answer (protocol §6), and the short names we use as its type. */
public record ApsError(int code, String type, String message) {

    static final String INVALID_REQUEST = "InvalidRequest";
    static final String NOT_FOUND = "NotFound";
    static final String FORBIDDEN = "Forbidden";
    static final String CONFLICT = "Conflict";
    static final String MALFORMED_JSON = "MalformedJson";
    static final String INVALID_JSON = "InvalidJson";
    static final String OPERATION_FAILED = "OperationFailed";
    static final String INTERNAL_ERROR = "InternalError";
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    static final String BODY_TOO_LARGE = "RequestEntityTooLarge";
    static final String UNSUPPORTED_BODY = "UnsupportedMediaType";

    /**
     * For mappers of a type Dropwizard's default mappers also claim ({@code Throwable},
     * {@code JsonProcessingException}): Jersey picks the lower value, the default is 5000.
     */
    static final int OVERRIDING_MAPPER_PRIORITY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ApsError.class);

    static Response response(int code, String type, String message) {
        return builder(code, type, message).build();
    }

    static Response.ResponseBuilder builder(int code, String type, String message) {
        // Not the message: it may quote what the controller sent, which is no text for a log line.
        LOG.debug("Answered {} {}", code, type);
        return Response.status(code).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApsError(code, type, message));
    }
}
