package org.vpsconnector.application.port.in;

public interface ConfigureVpsUseCase {
    VpsAnswer configure(ConfigureVpsCommand command);
}
