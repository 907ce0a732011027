package org.vpsconnector.application.port.in;

import java.util.UUID;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;

/**
 * Which operations an operator asks to see, newest first: each criterion may be null (any).
 * {@code host} names a host of the fleet; a VPS recorded without a host lives on the first host of
 * its technology and is listed under that host's name.
 */
public record OperationQuery(OperationStatus status, OperationKind kind, UUID instanceId, String host, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public OperationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (host != null && (host.isBlank() || host.length() > 63)) {
            throw new InvalidRequestException("host must be a host name of 1 to 63 characters");
        }
    }

    /** The newest operations, whatever they are. */
    public static OperationQuery newest(int limit) {
        return new OperationQuery(null, null, null, null, limit);
    }
}
