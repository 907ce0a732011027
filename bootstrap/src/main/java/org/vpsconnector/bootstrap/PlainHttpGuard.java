package org.vpsconnector.bootstrap;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.List;

/** Refuses to start an APS endpoint on plain HTTP unless the configuration allows it in so many words. */
final class PlainHttpGuard {
    private PlainHttpGuard() {
    }

    static void check(ServerFactory server, boolean allowPlainHttp) {
        if (allowPlainHttp) {
            return;
        }
        List<ConnectorFactory> connectors = List.of();
        if (server instanceof DefaultServerFactory defaults) {
            connectors = defaults.getApplicationConnectors();
        } else if (server instanceof SimpleServerFactory simple) {
            connectors = List.of(simple.getConnector());
        }
        boolean plain = connectors.stream().anyMatch(connector -> !(connector instanceof HttpsConnectorFactory));
        if (plain) {
            throw new IllegalStateException("the APS endpoint has a plain HTTP connector: anyone who reaches it acts"
                    + " as the controller; use an https connector or set aps.allowPlainHttp: true");
        }
    }
}
