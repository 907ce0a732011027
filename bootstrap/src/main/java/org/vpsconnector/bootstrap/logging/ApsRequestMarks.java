package org.vpsconnector.bootstrap.logging;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.vpsconnector.adapters.apsrest.ApsHeaders;
import org.vpsconnector.application.port.out.LogContext;

/**
 * Marks every log line of an APS request, from its first filter to its error mapper, with the
 * request's {@code APS-Transaction-ID} and {@code APS-Instance-ID}, and leaves the same cleaned
 * values as request attributes for the request log.
 */
public final class ApsRequestMarks implements Filter {
    private static final int CANONICAL_UUID_LENGTH = 36;
    private final MdcLogContext logContext;

    public ApsRequestMarks(MdcLogContext logContext) {
        this.logContext = logContext;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String transactionId = MdcLogContext.harmless(http.getHeader(ApsHeaders.TRANSACTION_ID));
        String instanceId = canonical(MdcLogContext.harmless(http.getHeader(ApsHeaders.INSTANCE_ID)));
        request.setAttribute(MdcLogContext.TRANSACTION_ID, transactionId);
        request.setAttribute(MdcLogContext.INSTANCE_ID, instanceId);
        try (LogContext.Scope marked = logContext.open(transactionId, instanceId)) {
            chain.doFilter(request, response);
        }
    }

    /** An instance id as the operation's lines print it (UUIDs in lower case), so that one search finds both. */
    private static String canonical(String instanceId) {
        if (instanceId == null || instanceId.length() != CANONICAL_UUID_LENGTH) {
            return instanceId;
        }
        try {
            return UUID.fromString(instanceId).toString();
        } catch (IllegalArgumentException notAUuid) {
            return instanceId;
        }
    }
}
