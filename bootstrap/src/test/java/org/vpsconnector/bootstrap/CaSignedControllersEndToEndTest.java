package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.bootstrap.CertificateMode.assertForbidden;
import static org.vpsconnector.bootstrap.CertificateMode.install;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.TestCertificates.Identity;

/** config/certificates.yml with {@code firstInstall: ca-signed}: only controllers the configured authority signed may install. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CaSignedControllersEndToEndTest {
    private static final String RUN = "ca-signed-" + UUID.randomUUID();
    private static final Path DIRECTORY = CertificateMode.temporaryDirectory("vps-connector-ca-");
    private static final Identity SERVER = TestCertificates.server();
    private static final Identity AUTHORITY = TestCertificates.authority("controller authority");

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, CertificateMode.configuration().toString(),
            Stream.concat(CertificateMode.overrides(
                            DIRECTORY, SERVER, "jdbc:h2:mem:" + RUN + ";DB_CLOSE_DELAY=-1", RUN).stream(),
                    Stream.of(ConfigOverride.config("aps.certificates.firstInstall", "ca-signed"),
                            ConfigOverride.config("aps.certificates.controllerCa", writeAuthority())))
                    .toArray(ConfigOverride[]::new));

    private static final List<Client> CLIENTS = new ArrayList<>();

    @AfterAll
    static void cleanUp() {
        CertificateMode.delete(DIRECTORY);
        CLIENTS.forEach(Client::close);
    }

    @Test
    void aControllerTheAuthoritySignedInstallsAndDrivesItsInstance() {
        Identity controller = AUTHORITY.sign("controller");
        ApsController aps = as(controller);

        Reply installed = install(aps, controller, TestCertificates.selfSigned("instance"));

        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);
        assertThat(aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync").status()).isEqualTo(200);
    }

    @Test
    void aSelfSignedControllerMayNotInstall() {
        Identity controller = TestCertificates.selfSigned("controller authority");

        ApsController aps = as(controller);
        assertForbidden(install(aps, controller, TestCertificates.selfSigned("instance")));
        assertForbidden(aps.send("GET", "/clouds/" + aps.instanceId(), null, "sync"));
    }

    @Test
    void aControllerAnotherAuthoritySignedMayNotInstall() {
        Identity controller = TestCertificates.authority("controller authority").sign("controller");

        assertForbidden(install(as(controller), controller, TestCertificates.selfSigned("instance")));
    }

    @Test
    void aSignedControllerMustStillPresentTheCertificateItNames() {
        Identity controller = AUTHORITY.sign("controller");
        ApsController other = as(AUTHORITY.sign("another controller"));

        assertForbidden(install(other, controller, TestCertificates.selfSigned("instance")));
    }

    private static ApsController as(Identity client) {
        Client https = TestCertificates.client(SERVER, client);
        CLIENTS.add(https);
        return new ApsController(https, "https://localhost:" + APP.getLocalPort(), UUID.randomUUID());
    }

    private static String writeAuthority() {
        try {
            return Files.writeString(DIRECTORY.resolve("controller-ca.pem"), AUTHORITY.certificatePem()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
