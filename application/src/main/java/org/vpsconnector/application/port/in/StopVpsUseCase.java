package org.vpsconnector.application.port.in;

public interface StopVpsUseCase {
    VpsAnswer stop(VpsCommand command);
}
