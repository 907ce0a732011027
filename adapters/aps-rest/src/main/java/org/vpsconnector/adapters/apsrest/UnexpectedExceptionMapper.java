package org.vpsconnector.adapters.apsrest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything no other mapper knows is our fault: 500, logged with a reference the answer quotes. */
@Priority(ApsError.OVERRIDING_MAPPER_PRIORITY)
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        return internalError(e);
    }

    static Response internalError(Throwable e) {
        String reference = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("Unexpected error answered with 500, reference {}", reference, e);
        return ApsError.response(500, ApsError.INTERNAL_ERROR,
                "the connector failed unexpectedly (reference " + reference + "); its log has the details");
    }
}
