package org.vpsconnector.bootstrap;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.bootstrap.tls.ControllerCertificateConnectorFactory;

/**
 * Refuses to start an APS endpoint that cannot tell the controller from anyone else (a connector
 * that asks for no client certificate) unless the configuration allows plain HTTP in so many
 * words, and then says so in the log.
 */
final class PlainHttpGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpGuard.class);

    private PlainHttpGuard() {
    }

    static void check(ServerFactory server, boolean allowPlainHttp) {
        if (allowPlainHttp) {
            LOG.warn("aps.allowPlainHttp: true - the APS endpoint checks no client certificate and accepts anyone"
                    + " who reaches it as the controller of every instance; use it on a loopback or test installation only");
            return;
        }
        List<ConnectorFactory> connectors = List.of();
        if (server instanceof DefaultServerFactory defaults) {
            connectors = defaults.getApplicationConnectors();
        } else if (server instanceof SimpleServerFactory simple) {
            connectors = List.of(simple.getConnector());
        }
        boolean blind = connectors.stream().anyMatch(connector -> !(connector instanceof ControllerCertificateConnectorFactory));
        if (blind) {
            throw new IllegalStateException("an APS endpoint connector does not ask for the controller's certificate:"
                    + " use 'type: aps-https' for every application connector, or set aps.allowPlainHttp: true"
                    + " to let anyone who reaches the port act as the controller");
        }
    }
}
