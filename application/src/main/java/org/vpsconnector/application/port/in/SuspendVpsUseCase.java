package org.vpsconnector.application.port.in;

/**
 * Disable and enable of a VPS (the suspendable type): a disabled VPS is stopped and kept stopped;
 * enabling it brings back the power state it had.
 */
public interface SuspendVpsUseCase {
    VpsAnswer disable(VpsCommand command);

    VpsAnswer enable(VpsCommand command);
}
