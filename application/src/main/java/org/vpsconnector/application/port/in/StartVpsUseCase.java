package org.vpsconnector.application.port.in;

public interface StartVpsUseCase {
    VpsAnswer start(VpsCommand command);
}
