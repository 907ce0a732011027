package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.bootstrap.CertificateMode.assertForbidden;
import static org.vpsconnector.bootstrap.CertificateMode.cloud;
import static org.vpsconnector.bootstrap.CertificateMode.install;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.TestCertificates.Identity;

/**
 * config/certificates.yml, the embedded default in certificate mode, over real TLS: only the
 * certificate an instance was installed with may act for it, from the install on.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CertificateModeEndToEndTest {
    private static final String RUN = "certs-" + UUID.randomUUID();
    private static final Path DIRECTORY = CertificateMode.temporaryDirectory("vps-connector-certs-");
    private static final Identity SERVER = TestCertificates.server();
    private static final String DATABASE = "jdbc:h2:mem:" + RUN + ";DB_CLOSE_DELAY=-1";

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, CertificateMode.configuration().toString(),
            CertificateMode.overrides(DIRECTORY, SERVER, DATABASE, RUN).toArray(ConfigOverride[]::new));

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static final List<Client> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void captureTheLog() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ((Logger) LoggerFactory.getLogger("org.vpsconnector")).setLevel(Level.DEBUG);
        LOG.start();
        root.addAppender(LOG);
    }

    @AfterAll
    static void cleanUp() {
        CertificateMode.delete(DIRECTORY);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        CLIENTS.forEach(Client::close);
    }

    @Test
    void theControllerInstallsAndThenDrivesItsInstance() {
        Identity controller = TestCertificates.selfSigned("controller");
        Identity instanceCertificate = TestCertificates.selfSigned("instance");
        ApsController aps = as(controller, UUID.randomUUID());

        Reply installed = install(aps, controller, instanceCertificate);
        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);
        assertThat(aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync").status()).isEqualTo(200);
        Reply context = aps.send("POST", "/contexts", context(aps.instanceId()), "sync");
        assertThat(context.status()).as(context.toString()).isEqualTo(200);
        UUID vps = UUID.randomUUID();
        Reply provisioned = aps.send("POST", "/vpses", ApsController.vps("vps-container.json", vps), "sync");
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        Reply retrieved = aps.send("GET", "/vpses/" + vps, null, "sync");
        assertThat(retrieved.status()).as(retrieved.toString()).isEqualTo(200);
        assertThat(retrieved.state()).isEqualTo("Running");
        assertThat(install(aps, controller, instanceCertificate).status()).as("a re-install by the controller").isEqualTo(200);
        ObjectNode lockingOut = cloud(aps.instanceId(), controller, instanceCertificate);
        ((ObjectNode) lockingOut.get("aps").get("x509")).put("controller", "not a certificate");
        assertThat(aps.send("PUT", "/clouds/" + aps.instanceId(), lockingOut, "sync").status())
                .as("a re-install that would lock every controller out").isEqualTo(400);
        assertThat(aps.send("POST", "/clouds/" + aps.instanceId() + "/upgrade?version=0.9", null, "sync").status())
                .isEqualTo(200);

        String key = instanceCertificate.certificateAndKeyPem();
        for (Reply reply : List.of(installed, context, provisioned, retrieved)) {
            assertThat(reply.body().toString()).doesNotContain("PRIVATE KEY", keyBody(key), "x509");
        }
    }

    @Test
    void aRequestWithoutAClientCertificateIsRefused() {
        Identity controller = TestCertificates.selfSigned("controller");
        ApsController aps = as(controller, UUID.randomUUID());
        assertThat(install(aps, controller, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);
        ApsController anonymous = as(null, aps.instanceId());

        assertForbidden(anonymous.send("GET", "/clouds/" + aps.instanceId(), null, "sync"));
        assertForbidden(anonymous.send("POST", "/vpses", ApsController.vps("vps-container.json", UUID.randomUUID()), "sync"));
        ApsController newInstance = as(null, UUID.randomUUID());
        assertForbidden(install(newInstance, controller, TestCertificates.selfSigned("instance")));
        assertThat(storedControllerCertificate(newInstance.instanceId())).as("nothing installed").isEmpty();
    }

    @Test
    void aStrangersCertificateChangesNothing() {
        Identity controller = TestCertificates.selfSigned("controller");
        ApsController aps = as(controller, UUID.randomUUID());
        assertThat(install(aps, controller, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);
        assertThat(aps.send("POST", "/contexts", context(aps.instanceId()), "sync").status()).isEqualTo(200);
        UUID vps = UUID.randomUUID();
        assertThat(aps.send("POST", "/vpses", ApsController.vps("vps-container.json", vps), "sync").status()).isEqualTo(200);
        // The same name as the controller's, another key: certificates are compared whole, never by name.
        ApsController stranger = as(TestCertificates.selfSigned("controller"), aps.instanceId());
        Map<String, Object> before = storedInstance(aps.instanceId());

        assertForbidden(stranger.send("GET", "/clouds/" + aps.instanceId(), null, "sync"));
        assertForbidden(stranger.send("GET", "/vpses/" + vps, null, "sync"));
        assertForbidden(stranger.send("POST", "/vpses", ApsController.vps("vps-container.json", UUID.randomUUID()), "sync"));
        assertForbidden(stranger.send("PUT", "/vpses/" + vps, ApsController.fixture("vps-configure.json"), "sync"));
        assertForbidden(stranger.send("POST", "/vpses/" + vps + "/stop", null, "sync"));
        assertForbidden(stranger.send("DELETE", "/vpses/" + vps, null, "sync"));
        assertForbidden(stranger.send("POST", "/contexts", context(aps.instanceId()), "sync"));
        assertForbidden(stranger.send("POST", "/clouds/" + aps.instanceId() + "/upgrade?version=0.9", null, "sync"));
        assertForbidden(stranger.send("DELETE", "/clouds/" + aps.instanceId(), null, "sync"));

        assertThat(storedInstance(aps.instanceId())).isEqualTo(before);
        Reply stillThere = aps.send("GET", "/vpses/" + vps, null, "sync");
        assertThat(stillThere.status()).as(stillThere.toString()).isEqualTo(200);
        assertThat(stillThere.state()).isEqualTo("Running");
    }

    @Test
    void theControllerOfAnotherInstanceCannotReachThisOnesVpses() {
        Identity controller = TestCertificates.selfSigned("controller");
        ApsController aps = as(controller, UUID.randomUUID());
        assertThat(install(aps, controller, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);
        UUID vps = UUID.randomUUID();
        assertThat(aps.send("POST", "/vpses", ApsController.vps("vps-container.json", vps), "sync").status()).isEqualTo(200);
        Identity neighbour = TestCertificates.selfSigned("neighbour");
        ApsController other = as(neighbour, UUID.randomUUID());
        assertThat(install(other, neighbour, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);

        assertForbidden(as(neighbour, aps.instanceId()).send("GET", "/vpses/" + vps, null, "sync"));
        assertThat(other.send("GET", "/vpses/" + vps, null, "sync").status()).isEqualTo(404);
        assertThat(other.send("DELETE", "/vpses/" + vps, null, "sync").status()).isEqualTo(404);
        assertThat(other.send("GET", "/clouds/" + aps.instanceId(), null, "sync").status())
                .as("the header's instance is the only one a request may address").isEqualTo(403);

        assertThat(aps.send("GET", "/vpses/" + vps, null, "sync").state()).isEqualTo("Running");
    }

    @Test
    void theControllerMayReplaceItsCertificateByAReinstallShownWithTheOldOne() {
        Identity old = TestCertificates.selfSigned("controller");
        Identity renewed = TestCertificates.selfSigned("controller");
        ApsController aps = as(old, UUID.randomUUID());
        assertThat(install(aps, old, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);

        Reply reinstalled = aps.send("PUT", "/clouds/" + aps.instanceId(),
                cloud(aps.instanceId(), renewed, TestCertificates.selfSigned("instance")), "sync");

        assertThat(reinstalled.status()).as(reinstalled.toString()).isEqualTo(200);
        assertForbidden(aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync"));
        assertThat(as(renewed, aps.instanceId()).send("GET", "/clouds/" + aps.instanceId(), null, "sync").status())
                .isEqualTo(200);
    }

    @Test
    void aStrangerCannotReinstallAnInstanceWithItsOwnCertificate() {
        Identity controller = TestCertificates.selfSigned("controller");
        ApsController aps = as(controller, UUID.randomUUID());
        assertThat(install(aps, controller, TestCertificates.selfSigned("instance")).status()).isEqualTo(200);
        Map<String, Object> before = storedInstance(aps.instanceId());
        Identity strangerIdentity = TestCertificates.selfSigned("stranger");
        ApsController stranger = as(strangerIdentity, aps.instanceId());

        assertForbidden(install(stranger, strangerIdentity, TestCertificates.selfSigned("instance")));
        ObjectNode body = cloud(aps.instanceId(), strangerIdentity, TestCertificates.selfSigned("instance"));
        assertForbidden(stranger.send("PUT", "/clouds/" + aps.instanceId(), body, "sync"));

        assertThat(storedInstance(aps.instanceId())).isEqualTo(before);
        assertThat(storedControllerCertificate(aps.instanceId())).contains(controller.certificatePem());
        assertThat(aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync").status()).isEqualTo(200);
    }

    @Test
    void aFirstInstallMustComeWithTheCertificateItNamesAsTheController() {
        Identity controller = TestCertificates.selfSigned("controller");
        ApsController someoneElse = as(TestCertificates.selfSigned("someone else"), UUID.randomUUID());

        assertForbidden(install(someoneElse, controller, TestCertificates.selfSigned("instance")));
        assertThat(storedControllerCertificate(someoneElse.instanceId())).isEmpty();
        assertForbidden(as(controller, someoneElse.instanceId()).send("GET", "/clouds/" + someoneElse.instanceId(), null, "sync"));
    }

    @Test
    void theInstancePrivateKeyIsStoredSealedAndNeverLoggedNorAnswered() {
        Identity controller = TestCertificates.selfSigned("controller");
        Identity instanceCertificate = TestCertificates.selfSigned("instance");
        ApsController aps = as(controller, UUID.randomUUID());
        String key = instanceCertificate.certificateAndKeyPem();

        List<Reply> replies = List.of(install(aps, controller, instanceCertificate),
                install(aps, controller, instanceCertificate),
                aps.send("PUT", "/clouds/" + aps.instanceId(), cloud(aps.instanceId(), controller, instanceCertificate), "sync"),
                aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync"),
                aps.send("POST", "/clouds/" + aps.instanceId() + "/upgrade?version=0.9", null, "sync"),
                install(as(TestCertificates.selfSigned("stranger"), aps.instanceId()), controller, instanceCertificate));

        assertThat(replies).extracting(Reply::status).containsExactly(200, 200, 200, 200, 200, 403);
        for (Reply reply : replies) {
            assertThat(reply.body().toString()).doesNotContain("PRIVATE KEY", keyBody(key));
        }
        String stored = (String) storedInstance(aps.instanceId()).get("self_certificate");
        assertThat(stored).startsWith("aes-gcm:").doesNotContain("BEGIN", "PRIVATE KEY", keyBody(key));
        assertThat(logText()).isNotEmpty().doesNotContain("PRIVATE KEY", keyBody(key), stored);
        assertThat(logText()).contains("Refused a request");
    }

    @Test
    void theSealingKeyMadeOnFirstStartIsReadableByTheServiceOnly() throws IOException {
        Path key = DIRECTORY.resolve("data/instance-secret.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(key).strip())).hasSize(32);
    }

    private static ApsController as(Identity client, UUID instanceId) {
        Client https = TestCertificates.client(SERVER, client);
        CLIENTS.add(https);
        return new ApsController(https, "https://localhost:" + APP.getLocalPort(), instanceId);
    }

    private static ObjectNode context(UUID instanceId) {
        ObjectNode context = ApsController.fixture("context-provision.json");
        ((ObjectNode) context.get("aps")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) context.get("cloud").get("aps")).put("id", instanceId.toString());
        return context;
    }

    /** The middle line of the key's Base64, which no log or answer may carry in any form that keeps it. */
    private static String keyBody(String certificateAndKey) {
        String key = certificateAndKey.substring(certificateAndKey.indexOf("-----BEGIN PRIVATE KEY-----"));
        return key.lines().skip(1).findFirst().orElseThrow();
    }

    private static Map<String, Object> storedInstance(UUID id) {
        return Jdbi.create(DATABASE, "sa", "").withHandle(handle -> handle
                .createQuery("SELECT * FROM application_instances WHERE id = :id").bind("id", id).mapToMap().one());
    }

    private static Optional<String> storedControllerCertificate(UUID id) {
        return Jdbi.create(DATABASE, "sa", "").withHandle(handle -> handle
                .createQuery("SELECT controller_certificate FROM application_instances WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    private static String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(LOG.list)) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

}
