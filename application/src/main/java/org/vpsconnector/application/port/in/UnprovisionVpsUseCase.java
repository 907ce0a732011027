package org.vpsconnector.application.port.in;

public interface UnprovisionVpsUseCase {
    VpsAnswer unprovision(VpsCommand command);
}
