package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.TestCertificates.AUTHORITY;
import static org.vpsconnector.application.testing.TestCertificates.CONTROLLER;
import static org.vpsconnector.application.testing.TestCertificates.STRANGER;
import static org.vpsconnector.application.testing.TestCertificates.certificate;
import static org.vpsconnector.application.testing.TestCertificates.pem;

import java.security.cert.X509Certificate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ForbiddenException;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Secret;

/** Which client certificate may install an instance and act for it, with real certificates. */
class ControllerTrustTest {
    private final World world = new World();
    private final UUID instanceId = UUID.randomUUID();

    private InstanceService instances(ControllerTrust trust) {
        return new InstanceService(world.db, world.clock, World.CONNECTOR_VERSION, trust);
    }

    private static InstallInstanceCommand install(UUID instanceId, String controllerPem, X509Certificate presented) {
        return new InstallInstanceCommand(instanceId, "https://controller.example/", Secret.of("SELF"), controllerPem, presented);
    }

    @Test
    void only_a_trust_that_is_not_anyones_checks_certificates() {
        assertThat(ControllerTrust.anyone().checksCertificates()).isFalse();
        assertThat(ControllerTrust.presentedMatchesBody().checksCertificates()).isTrue();
        assertThat(ControllerTrust.signedBy(certificate(AUTHORITY)).checksCertificates()).isTrue();
        assertThatThrownBy(() -> ControllerTrust.signedBy(null)).isInstanceOf(NullPointerException.class).hasMessage("authority");
    }

    @Test
    void a_first_install_is_trusted_when_it_presents_the_controller_certificate_it_carries() {
        ApplicationInstance installed = instances(ControllerTrust.presentedMatchesBody())
                .install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));

        assertThat(installed.controllerCertificate()).isEqualTo(pem(CONTROLLER));
        assertThat(world.db.instance(instanceId)).contains(installed);
    }

    @Test
    void certificates_are_compared_by_their_encoding_not_their_pem_text() {
        String sameWithOtherLineEnds = pem(CONTROLLER).replace("\n", "\r\n");

        instances(ControllerTrust.presentedMatchesBody()).install(install(instanceId, sameWithOtherLineEnds, certificate(CONTROLLER)));

        assertThat(world.db.instance(instanceId)).isPresent();
    }

    @Test
    void a_first_install_presenting_another_certificate_than_it_carries_is_forbidden_and_stores_nothing() {
        InstanceService checking = instances(ControllerTrust.presentedMatchesBody());

        assertThatThrownBy(() -> checking.install(install(instanceId, pem(CONTROLLER), certificate(STRANGER))))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("the client certificate of an install must be the aps.x509.controller it carries");
        assertThatThrownBy(() -> checking.install(install(instanceId, "not a certificate", certificate(STRANGER))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("must be the aps.x509.controller it carries");
        assertThatThrownBy(() -> checking.install(install(instanceId, null, certificate(STRANGER))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("must be the aps.x509.controller it carries");
        assertThat(world.db.instance(instanceId)).isEmpty();
    }

    @Test
    void with_an_authority_a_first_install_needs_a_certificate_it_signed() {
        InstanceService checking = instances(ControllerTrust.signedBy(certificate(AUTHORITY)));

        assertThatThrownBy(() -> checking.install(install(instanceId, pem(STRANGER), certificate(STRANGER))))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("the client certificate of an install must be signed by the controller certificate authority and valid");
        assertThat(world.db.instance(instanceId)).isEmpty();

        checking.install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));
        assertThat(world.db.instance(instanceId)).isPresent();
    }

    @Test
    void the_controller_may_reinstall_with_a_new_certificate_which_then_replaces_the_old_one() {
        InstanceService checking = instances(ControllerTrust.presentedMatchesBody());
        checking.install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));

        checking.install(install(instanceId, pem(STRANGER), certificate(CONTROLLER)));

        assertThat(world.db.instance(instanceId).orElseThrow().controllerCertificate()).isEqualTo(pem(STRANGER));
        assertThatThrownBy(() -> checking.install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER))))
                .as("the old certificate no longer acts for the instance")
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("the client certificate is not the controller certificate of the application instance " + instanceId);
    }

    @Test
    void a_reinstall_by_another_client_or_without_a_certificate_is_forbidden() {
        InstanceService checking = instances(ControllerTrust.presentedMatchesBody());
        checking.install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));

        assertThatThrownBy(() -> checking.install(install(instanceId, pem(STRANGER), certificate(STRANGER))))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("the client certificate is not the controller certificate of the application instance " + instanceId);
        assertThatThrownBy(() -> checking.install(install(instanceId, pem(CONTROLLER), null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("came without a client certificate");
        assertThat(world.db.instance(instanceId).orElseThrow().controllerCertificate()).isEqualTo(pem(CONTROLLER));
    }

    @Test
    void a_reinstall_may_not_bring_a_controller_certificate_no_client_could_present() {
        InstanceService checking = instances(ControllerTrust.presentedMatchesBody());
        checking.install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));

        assertThatThrownBy(() -> checking.install(install(instanceId, "garbage", certificate(CONTROLLER))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("aps.x509.controller must be a PEM certificate");
        assertThat(world.db.instance(instanceId).orElseThrow().controllerCertificate()).isEqualTo(pem(CONTROLLER));
    }

    @Test
    void an_installed_instance_answers_only_its_controller() {
        instances(ControllerTrust.presentedMatchesBody()).install(install(instanceId, pem(CONTROLLER), certificate(CONTROLLER)));
        ControllerAuthentication authentication = new ControllerAuthentication(world.db, ControllerTrust.presentedMatchesBody());

        assertThatCode(() -> authentication.authenticate(instanceId, certificate(CONTROLLER), false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> authentication.authenticate(instanceId, certificate(STRANGER), false))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("is not the controller certificate");
        assertThatThrownBy(() -> authentication.authenticate(instanceId, certificate(STRANGER), true))
                .as("a re-install by a stranger").isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("is not the controller certificate");
    }

    @Test
    void an_instance_not_installed_may_only_be_installed() {
        ControllerAuthentication authentication = new ControllerAuthentication(world.db, ControllerTrust.presentedMatchesBody());

        assertThatCode(() -> authentication.authenticate(instanceId, certificate(STRANGER), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> authentication.authenticate(instanceId, certificate(CONTROLLER), false))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("no application instance " + instanceId + " is installed for this client");
    }
}
