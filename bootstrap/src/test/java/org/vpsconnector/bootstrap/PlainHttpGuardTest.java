package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void aTlsEndpointNeedsNoPermission() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(new HttpsConnectorFactory()));

        assertThatCode(() -> PlainHttpGuard.check(server, false)).doesNotThrowAnyException();
    }
}
