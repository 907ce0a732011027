package org.vpsconnector.application.port.out;

import java.util.UUID;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;

/**
 * Which operations a listing keeps; a null criterion keeps all. {@code host} keeps the operations
 * of VPSes recorded on that host, and of VPSes recorded without one when
 * {@code hostIsFirstContainerHost} (a container VPS) or {@code hostIsFirstHypervisorHost} (a VM) says
 * the named host is the first of their technology, where such a VPS lives.
 */
public record OperationFilter(OperationStatus status, OperationKind kind, UUID instanceId, String host,
                              boolean hostIsFirstContainerHost, boolean hostIsFirstHypervisorHost) {
    public static final OperationFilter ANY = new OperationFilter(null, null, null, null, false, false);
}
