package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.ForbiddenException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Secret;

class InstanceServiceTest {
    private final World world = new World();
    private final UUID instanceId = UUID.randomUUID();

    private ApplicationInstance install(String selfCertificate) {
        return world.instances.install(new InstallInstanceCommand(instanceId, "https://controller.example/",
                Secret.of(selfCertificate), "CONTROLLER-CERT", null));
    }

    @Test
    void install_keeps_the_certificates_durably() {
        ApplicationInstance installed = install("SELF-CERT");

        assertThat(installed.installedAt()).isEqualTo(World.T0);
        assertThat(installed.version()).isEqualTo(World.CONNECTOR_VERSION);
        assertThat(world.db.instance(instanceId)).contains(installed);
        assertThat(world.instances.get(instanceId).selfCertificate()).isEqualTo(Secret.of("SELF-CERT"));
        assertThat(world.instances.get(instanceId).controllerCertificate()).isEqualTo("CONTROLLER-CERT");
    }

    @Test
    void installing_again_replaces_the_certificates_but_keeps_the_install_time() {
        install("OLD");
        world.clock.advance(Duration.ofDays(1));

        ApplicationInstance again = install("NEW");

        assertThat(again.selfCertificate()).isEqualTo(Secret.of("NEW"));
        assertThat(again.installedAt()).isEqualTo(World.T0);
        assertThat(world.instances.get(instanceId)).isEqualTo(again);
    }

    @Test
    void an_install_without_an_id_is_an_invalid_request() {
        assertThatThrownBy(() -> new InstallInstanceCommand(null, "uri", null, null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void where_certificates_are_checked_an_install_without_a_client_certificate_is_forbidden_and_stores_nothing() {
        InstanceService checking = new InstanceService(world.db, world.clock, World.CONNECTOR_VERSION,
                ControllerTrust.presentedMatchesBody());

        assertThatThrownBy(() -> checking.install(new InstallInstanceCommand(instanceId, "https://controller.example/",
                Secret.of("SELF-CERT"), "CONTROLLER-CERT", null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("without a client certificate");
        assertThat(world.db.instance(instanceId)).isEmpty();

        install("SELF-CERT");
        assertThatThrownBy(() -> checking.install(new InstallInstanceCommand(instanceId, "https://controller.example/",
                Secret.of("OTHER"), "OTHER-CERT", null)))
                .as("a re-install too").isInstanceOf(ForbiddenException.class);
        assertThat(world.db.instance(instanceId).orElseThrow().selfCertificate()).isEqualTo(Secret.of("SELF-CERT"));
    }

    @Test
    void where_certificates_are_checked_requests_for_an_instance_not_installed_are_forbidden_unless_they_install_it() {
        ControllerAuthentication authentication = new ControllerAuthentication(world.db, ControllerTrust.presentedMatchesBody());

        assertThatThrownBy(() -> authentication.authenticate(instanceId, null, false)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> authentication.authenticate(instanceId, null, true))
                .as("no certificate at all").isInstanceOf(ForbiddenException.class);
        new ControllerAuthentication(world.db, ControllerTrust.anyone()).authenticate(instanceId, null, false);
    }

    @Test
    void an_unknown_instance_is_not_found() {
        assertThatThrownBy(() -> world.instances.get(instanceId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> world.instances.upgrade(instanceId, "0.9")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> world.instances.remove(instanceId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void upgrade_records_the_version_of_the_connector_now_running() {
        new InstanceService(world.db, world.clock, "1.9.0", ControllerTrust.anyone()).install(new InstallInstanceCommand(
                instanceId, "https://controller.example/", Secret.of("SELF-CERT"), "CONTROLLER-CERT", null));
        assertThat(world.db.instance(instanceId).orElseThrow().version()).isEqualTo("1.9.0");

        world.instances.upgrade(instanceId, "1.9.0");

        assertThat(world.db.instance(instanceId).orElseThrow().version()).isEqualTo(World.CONNECTOR_VERSION);
        assertThat(world.instances.get(instanceId).version()).isEqualTo(World.CONNECTOR_VERSION);
    }

    @Test
    void upgrade_keeps_the_certificates_and_the_install_time() {
        ApplicationInstance installed = install("SELF-CERT");

        ApplicationInstance upgraded = world.instances.upgrade(instanceId, "0.9");

        assertThat(upgraded.selfCertificate()).isEqualTo(installed.selfCertificate());
        assertThat(upgraded.controllerCertificate()).isEqualTo(installed.controllerCertificate());
        assertThat(upgraded.installedAt()).isEqualTo(installed.installedAt());
        assertThat(upgraded.version()).as("the version now running, not the one upgraded from").isEqualTo(World.CONNECTOR_VERSION);
        assertThat(world.db.instance(instanceId)).contains(upgraded);
    }

    @Test
    void removal_is_refused_while_vpses_live_and_allowed_once_they_are_unprovisioned() {
        install("SELF-CERT");
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThatThrownBy(() -> world.instances.remove(instanceId))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 VPS");
        assertThat(world.db.instance(instanceId)).isPresent();

        world.requests.unprovision(command(instanceId, vpsId, SYNC));
        world.instances.remove(instanceId);

        assertThat(world.db.instance(instanceId)).isEmpty();
        assertThatThrownBy(() -> world.instances.get(instanceId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void removal_is_refused_while_a_vm_is_still_being_built() {
        install("SELF-CERT");
        world.requests.provision(provision(instanceId, UUID.randomUUID(), SYNC, World.VM_SPEC));

        assertThatThrownBy(() -> world.instances.remove(instanceId)).isInstanceOf(ConflictException.class);
    }

    @Test
    void a_failed_vps_does_not_hold_the_instance() {
        install("SELF-CERT");
        world.containers.failNext(Call.CREATE, 1, false);
        world.requests.provision(provision(instanceId, UUID.randomUUID(), SYNC, CONTAINER_SPEC));

        world.instances.remove(instanceId);

        assertThat(world.db.instance(instanceId)).isEmpty();
    }

    @Test
    void vpses_of_another_instance_do_not_hold_this_one() {
        install("SELF-CERT");
        UUID other = world.installInstance();
        world.requests.provision(provision(other, UUID.randomUUID(), SYNC, CONTAINER_SPEC));

        world.instances.remove(instanceId);

        assertThat(world.db.instance(instanceId)).isEmpty();
        assertThat(world.db.instance(other)).isPresent();
    }
}
