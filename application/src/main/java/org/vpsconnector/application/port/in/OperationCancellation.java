package org.vpsconnector.application.port.in;

import java.util.Objects;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

/**
 * What a cancel did: the operation as recorded (cancelled), its VPS afterwards, what was done on the
 * host ({@code cleanup}), and what is left there for reconcile to remove ({@code leftover}; null when nothing).
 */
public record OperationCancellation(Operation operation, Vps vps, String cleanup, String leftover) {
    public OperationCancellation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(vps, "vps");
        Objects.requireNonNull(cleanup, "cleanup");
    }
}
