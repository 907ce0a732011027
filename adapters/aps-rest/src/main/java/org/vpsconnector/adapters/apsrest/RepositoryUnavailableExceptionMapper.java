package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;

/**
 * The database is down or not answering: 503, so the controller tries again later. Whatever the
 * request did on a backend is kept and finished by the operation driver once the database is back.
 */
public class RepositoryUnavailableExceptionMapper implements ExceptionMapper<RepositoryUnavailableException> {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryUnavailableExceptionMapper.class);
    // Seconds the controller is asked to wait: a database restart takes a few.
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(RepositoryUnavailableException e) {
        LOG.warn("Answered 503: {}", e.getMessage());
        return ApsError.builder(503, ApsError.SERVICE_UNAVAILABLE,
                        "the connector's database is unavailable; try again later")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
