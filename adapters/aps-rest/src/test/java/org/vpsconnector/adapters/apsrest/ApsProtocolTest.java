package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.VpsSpec;

/** Headers (§4) and the errors JAX-RS itself raises (§6), for every service alike. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApsProtocolTest {
    private final FakeInstances instances = new FakeInstances();
    private final FakeContexts contexts = new FakeContexts();
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(instances, contexts, vpses);

    @BeforeEach
    void aRunningContainer() {
        vpses.ready(INSTANCE, CONTAINER_VPS, new VpsSpec("web-01", null, new Hardware(1, 10, 1, false), null, null, null),
                PowerState.RUNNING);
        instances.add(INSTANCE);
    }

    @ParameterizedTest(name = "{0} {1} without {2}")
    @CsvSource({
            "POST, /vpses, APS-Instance-ID",
            "POST, /vpses, APS-Controller-URI",
            "GET, /vpses/9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a/start, APS-Instance-ID",
            "DELETE, /vpses/9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a, APS-Controller-URI",
            "POST, /contexts, APS-Instance-ID",
            "POST, /clouds, APS-Controller-URI",
            "DELETE, /clouds/0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10, APS-Instance-ID"})
    void aRequestWithoutAMandatoryHeaderIs400(String verb, String path, String header) {
        Invocation.Builder request = api.target(path).request(MediaType.APPLICATION_JSON_TYPE)
                .header(otherMandatoryHeader(header), header.equals(ApsHeaders.INSTANCE_ID)
                        ? TestApi.CONTROLLER_URI : INSTANCE.toString());

        String message = assertApsError(request.method(verb, bodyFor(verb, path)), 400, "InvalidRequest");

        assertThat(message).contains(header);
        assertNothingChanged();
    }

    @ParameterizedTest
    @CsvSource({"APS-Instance-ID, 0e7a2d63", "APS-Instance-ID, ''", "APS-Controller-URI, controller.example.net",
                "APS-Controller-URI, 'https://controller example/'"})
    void aMandatoryHeaderWithAnInvalidValueIs400(String header, String value) {
        Invocation.Builder request = api.target("/vpses").request()
                .header(otherMandatoryHeader(header), header.equals(ApsHeaders.INSTANCE_ID)
                        ? TestApi.CONTROLLER_URI : INSTANCE.toString())
                .header(header, value);

        assertThat(assertApsError(request.post(json(Fixtures.read("vps-container.json"))), 400, "InvalidRequest"))
                .contains(header);
        assertNothingChanged();
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Response response = api.target("/vpses/" + CONTAINER_VPS).request()
                .header("aps-instance-id", INSTANCE.toString())
                .header("APS-CONTROLLER-URI", TestApi.CONTROLLER_URI)
                .header("aps-request-phase", "SYNC")
                .get();

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void anUnknownAddressIs404EvenWithoutApsHeaders() {
        assertApsError(api.target("/servers").request().get(), 404, "NotFound");
        assertApsError(sync(api, "/vpses/" + CONTAINER_VPS + "/context/a/b").get(), 404, "NotFound");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = sync(api, "/vpses").post(Entity.text(Fixtures.read("vps-container.json")));

        assertThat(assertApsError(response, 415, "UnsupportedMediaType")).contains("application/json");
        assertNothingChanged();
    }

    @Test
    void aMethodTheAddressDoesNotServeIs405WithTheAllowedOnes() {
        Response response = sync(api, "/vpses").delete();

        assertThat(response.getAllowedMethods()).contains("POST");
        assertThat(assertApsError(response, 405, "MethodNotAllowed")).contains("POST");
        assertApsError(sync(api, "/clouds").get(), 405, "MethodNotAllowed");
        assertApsError(sync(api, "/vpses/" + CONTAINER_VPS + "/start").delete(), 405, "MethodNotAllowed");
        assertNothingChanged();
    }

    @Test
    void anAnswerOtherThanJsonIs406() {
        Response response = api.target("/vpses/" + CONTAINER_VPS).request(MediaType.TEXT_PLAIN_TYPE)
                .header(ApsHeaders.INSTANCE_ID, INSTANCE.toString())
                .header(ApsHeaders.CONTROLLER_URI, TestApi.CONTROLLER_URI)
                .get();

        assertApsError(response, 406, "NotAcceptable");
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsDetails() {
        vpses.crashWith(new IllegalStateException("connection to db-7.internal refused"));

        String message = assertApsError(sync(api, "/vpses/" + CONTAINER_VPS).get(), 500, "InternalError");

        assertThat(message).doesNotContain("db-7").contains("reference");
    }

    @Test
    void aDatabaseThatIsDownIs503AskingToComeBackLater() {
        vpses.crashWith(new RepositoryUnavailableException("the database is unavailable: Connection to db-7.internal refused", null));

        Response response = sync(api, "/vpses/" + CONTAINER_VPS).get();

        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        String message = assertApsError(response, 503, "ServiceUnavailable");
        assertThat(message).doesNotContain("db-7").contains("try again later");
    }

    private void assertNothingChanged() {
        assertThat(instances.changes).isEmpty();
        assertThat(contexts.changes).isEmpty();
        assertThat(vpses.changes).isEmpty();
    }

    private static String otherMandatoryHeader(String header) {
        return header.equals(ApsHeaders.INSTANCE_ID) ? ApsHeaders.CONTROLLER_URI : ApsHeaders.INSTANCE_ID;
    }

    private static Entity<String> bodyFor(String verb, String path) {
        if (!verb.equals("POST")) {
            return null;
        }
        String fixture = path.startsWith("/clouds") ? "cloud-install.json"
                : path.startsWith("/contexts") ? "context-provision.json" : "vps-container.json";
        return json(Fixtures.read(fixture));
    }
}
