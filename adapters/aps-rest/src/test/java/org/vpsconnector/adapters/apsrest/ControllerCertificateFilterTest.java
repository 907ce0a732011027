package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.application.ForbiddenException;
import org.vpsconnector.application.port.in.AuthenticateControllerUseCase;

/** Every APS request is authenticated before it is served; a refusal is an APS 403 and changes nothing. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ControllerCertificateFilterTest {

    private record Asked(UUID instanceId, X509Certificate presented, boolean installing) {
    }

    private final List<Asked> asked = new ArrayList<>();
    private boolean refuse;
    private final AuthenticateControllerUseCase authentication = (instanceId, presented, installing) -> {
        asked.add(new Asked(instanceId, presented, installing));
        if (refuse) {
            throw new ForbiddenException("the client certificate is not the controller certificate");
        }
    };

    private final FakeInstances instances = new FakeInstances();
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.builder(instances, new FakeContexts(), vpses, authentication).build();

    @Test
    void onlyTheInstallsMayAddressAnInstanceNotInstalledYet() {
        sync(api, "/clouds").post(json(Fixtures.read("cloud-install.json"))).close();
        sync(api, "/clouds/" + INSTANCE).put(json(Fixtures.read("cloud-install.json"))).close();
        sync(api, "/clouds/" + INSTANCE).get().close();
        sync(api.target("/clouds/" + INSTANCE + "/upgrade").queryParam("version", "1.0")).post(json("{}")).close();
        sync(api, "/clouds/" + INSTANCE).delete().close();

        assertThat(asked).extracting(Asked::installing).containsExactly(true, true, false, false, false);
        assertThat(asked).extracting(Asked::instanceId).containsOnly(INSTANCE);
        assertThat(asked).extracting(Asked::presented).as("no certificate in this test's plain HTTP").containsOnlyNulls();
    }

    @Test
    void aRefusedRequestIsAnApsForbiddenAndReachesNoUseCase() {
        instances.add(INSTANCE);
        refuse = true;

        assertApsError(sync(api, "/clouds").post(json(Fixtures.read("cloud-install.json"))), 403, "Forbidden");
        assertApsError(sync(api, "/clouds/" + INSTANCE).delete(), 403, "Forbidden");
        assertApsError(sync(api, "/vpses").post(json(Fixtures.read("vps-container.json"))), 403, "Forbidden");

        assertThat(instances.changes).isEmpty();
        assertThat(vpses.changes).isEmpty();
    }

    @Test
    void aControllerIsJudgedBeforeItsBodyIsLookedAt() {
        instances.add(INSTANCE);
        refuse = true;

        // The body filter would answer this charset 415 without reading on.
        assertApsError(sync(api, "/vpses").post(Entity.entity(Fixtures.read("vps-container.json"),
                "application/json; charset=ISO-8859-1")), 403, "Forbidden");
        assertThat(asked).singleElement().extracting(Asked::installing).isEqualTo(false);
    }
}
