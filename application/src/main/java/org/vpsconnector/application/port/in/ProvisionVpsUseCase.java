package org.vpsconnector.application.port.in;

public interface ProvisionVpsUseCase {
    VpsAnswer provision(ProvisionVpsCommand command);
}
