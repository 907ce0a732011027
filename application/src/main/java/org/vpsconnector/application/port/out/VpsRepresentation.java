package org.vpsconnector.application.port.out;

import org.vpsconnector.domain.Vps;

/** A VPS as the controller sees it: the JSON body a retrieve answers with. */
@FunctionalInterface
public interface VpsRepresentation {
    String render(Vps vps);
}
