package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vpsconnector.bootstrap.tls.ControllerCertificateConnectorFactory;

class PlainHttpGuardTest {

    @Test
    void aPlainHttpEndpointIsRefusedUnlessAllowed() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(new HttpConnectorFactory()));

        assertThatThrownBy(() -> PlainHttpGuard.check(server, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("aps.allowPlainHttp");
        assertThatCode(() -> PlainHttpGuard.check(server, true)).doesNotThrowAnyException();
    }

    @Test
    void aTlsEndpointThatAsksForNoClientCertificateIsRefusedToo() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(new ControllerCertificateConnectorFactory(), new HttpsConnectorFactory()));

        assertThatThrownBy(() -> PlainHttpGuard.check(server, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("aps-https");
    }

    @Test
    void anEndpointThatAsksForTheControllersCertificateNeedsNoPermission() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(new ControllerCertificateConnectorFactory()));

        assertThatCode(() -> PlainHttpGuard.check(server, false)).doesNotThrowAnyException();
    }
}
