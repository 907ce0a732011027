package org.vpsconnector.adapters.apscontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vpsconnector.application.port.out.ControllerCallException;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/** Resource updates against a real HTTPS server that requires the instance's client certificate. */
class HttpsControllerClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String BODY = "{\"aps\":{\"id\":\"x\"},\"state\":\"Running\"}";

    private final TestIdentity controllerServer = TestIdentity.localhost();
    private final TestIdentity instanceIdentity = TestIdentity.selfSigned("instance");
    private final RecordingController controller = RecordingController.start(controllerServer, instanceIdentity.certificate());
    private final UUID resourceId = UUID.randomUUID();

    @TempDir
    Path directory;

    @AfterEach
    void stopController() {
        controller.close();
    }

    private Path trustedControllerCertificate() throws IOException {
        return Files.writeString(directory.resolve("controllers.pem"), controllerServer.certificatePem());
    }

    private ApplicationInstance instance(String controllerUri, String selfPem) {
        return new ApplicationInstance(UUID.randomUUID(), controllerUri, Secret.of(selfPem), null, "1.0", Instant.now());
    }

    private HttpsControllerClient verifyingClient() throws IOException {
        return new HttpsControllerClient(ControllerServerTrust.verifying(false, trustedControllerCertificate()), TIMEOUT, TIMEOUT);
    }

    @Test
    void putsTheRepresentationWithTheInstanceCertificateAndTheTransaction() throws IOException {
        verifyingClient().updateResource(instance(controller.uri(), instanceIdentity.certificateAndKeyPem()),
                resourceId, "tx-42", BODY);

        assertThat(controller.received()).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("PUT");
            assertThat(received.path()).isEqualTo("/aps/2/resources/" + resourceId);
            assertThat(received.contentType()).isEqualTo("application/json");
            assertThat(received.transactionId()).isEqualTo("tx-42");
            assertThat(received.body()).isEqualTo(BODY);
            assertThat(received.clientCertificate()).isEqualTo(instanceIdentity.certificate());
        });
    }

    @Test
    void takesAControllerAddressWithoutItsTrailingSlashAndAKeyInTheTraditionalForm() throws IOException {
        TestIdentity rsaInstance = TestIdentity.selfSignedRsa("rsa instance");
        RecordingController rsaController = RecordingController.start(controllerServer, rsaInstance.certificate());
        try {
            String withoutSlash = rsaController.uri().substring(0, rsaController.uri().length() - 1);

            verifyingClient().updateResource(instance(withoutSlash, rsaInstance.certificateAndTraditionalKeyPem()),
                    resourceId, null, BODY);

            assertThat(rsaInstance.certificateAndTraditionalKeyPem()).contains("BEGIN RSA PRIVATE KEY");
            assertThat(rsaController.received()).singleElement().satisfies(received -> {
                assertThat(received.path()).isEqualTo("/aps/2/resources/" + resourceId);
                assertThat(received.transactionId()).isNull();
                assertThat(received.clientCertificate()).isEqualTo(rsaInstance.certificate());
            });
        } finally {
            rsaController.close();
        }
    }

    @Test
    void anErrorAnswerFailsTheCallWithTheControllersWords() throws IOException {
        controller.answer(503);
        HttpsControllerClient client = verifyingClient();

        assertThatThrownBy(() -> client.updateResource(instance(controller.uri(), instanceIdentity.certificateAndKeyPem()),
                resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class)
                .hasMessageContaining("answered 503")
                .hasMessageContaining("the controller is busy");
    }

    @Test
    void aControllerThatIsDownFailsTheCall() throws IOException {
        controller.stop();
        HttpsControllerClient client = verifyingClient();

        assertThatThrownBy(() -> client.updateResource(instance(controller.uri(), instanceIdentity.certificateAndKeyPem()),
                resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class)
                .hasMessageContaining("PUT " + controller.uri() + "aps/2/resources/" + resourceId + " failed");
    }

    @Test
    void aControllerCertificateNoTrustedAuthoritySignedIsRefusedUnlessVerificationIsOff() throws IOException {
        Path stranger = Files.writeString(directory.resolve("other.pem"), TestIdentity.localhost().certificatePem());
        HttpsControllerClient verifying = new HttpsControllerClient(ControllerServerTrust.verifying(false, stranger), TIMEOUT, TIMEOUT);
        ApplicationInstance instance = instance(controller.uri(), instanceIdentity.certificateAndKeyPem());

        assertThatThrownBy(() -> verifying.updateResource(instance, resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class);
        assertThat(controller.received()).isEmpty();

        new HttpsControllerClient(ControllerServerTrust.anyCertificate(), TIMEOUT, TIMEOUT)
                .updateResource(instance, resourceId, "tx-1", BODY);
        assertThat(controller.received()).hasSize(1);
    }

    @Test
    void theSystemAuthoritiesAloneDoNotTrustATestController() {
        HttpsControllerClient client = new HttpsControllerClient(ControllerServerTrust.verifying(true, null), TIMEOUT, TIMEOUT);

        assertThatThrownBy(() -> client.updateResource(instance(controller.uri(), instanceIdentity.certificateAndKeyPem()),
                resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class);
        assertThat(controller.received()).isEmpty();
    }

    @Test
    void anInstanceCertificateTheControllerDoesNotTrustIsRefusedByIt() throws IOException {
        HttpsControllerClient client = verifyingClient();
        TestIdentity stranger = TestIdentity.selfSigned("someone else");

        assertThatThrownBy(() -> client.updateResource(instance(controller.uri(), stranger.certificateAndKeyPem()),
                resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class);
        assertThat(controller.received()).isEmpty();
    }

    @Test
    void refusesAPlainHttpControllerAndAnUnreadableCertificateWithoutQuotingTheKey() throws IOException {
        HttpsControllerClient client = verifyingClient();

        assertThatThrownBy(() -> client.updateResource(instance("http://controller.example:6308/",
                instanceIdentity.certificateAndKeyPem()), resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class)
                .hasMessageContaining("is not https");
        String keyOnly = instanceIdentity.certificateAndKeyPem().substring(instanceIdentity.certificatePem().length());
        assertThatThrownBy(() -> client.updateResource(instance(controller.uri(), keyOnly), resourceId, "tx-1", BODY))
                .isInstanceOf(ControllerCallException.class)
                .hasMessageContaining("holds no certificate")
                .hasMessageNotContaining(keyOnly.lines().skip(1).findFirst().orElseThrow());
    }
}
