package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.VpsSpec;

/** The operating system chosen at provision, the login a configure changes or keeps, the address recorded. */
class LoginSystemAndAddressTest {
    private static final String KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w a";
    private static final String KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w b";
    private static final Secret HASH_1 = Secret.of("$6$saltsalt$first");
    private static final Secret HASH_2 = Secret.of("$6$pepperpe$second");

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void anOsTheBackendDoesNotOfferIsRefusedBeforeAnythingIsStored() {
        VpsSpec windows = CONTAINER_SPEC.withPlatform(new Platform("x86_64", "windows", "2022"));

        assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, windows)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Ubuntu 22.04, debian 12");

        assertThat(world.db.vps(vpsId)).isEmpty();
        assertThat(world.containers.invocations()).isEmpty();
    }

    @Test
    void theStoredPlatformNamesTheSystemChosenInTheArchitectureAsked() {
        VpsSpec unnamed = CONTAINER_SPEC.withPlatform(new Platform("aarch64", null, null));
        VpsSpec lowerCase = CONTAINER_SPEC.withPlatform(new Platform("x86_64", "DEBIAN", null));
        UUID other = UUID.randomUUID();

        world.requests.provision(provision(instanceId, vpsId, SYNC, unnamed));
        world.requests.provision(provision(instanceId, other, SYNC, lowerCase));

        assertThat(world.storedVps(vpsId).spec().platform()).isEqualTo(new Platform("aarch64", "Ubuntu", "22.04"));
        assertThat(world.storedVps(other).spec().platform()).isEqualTo(new Platform("x86_64", "debian", "12"));
        assertThat(world.requests.provision(provision(instanceId, other, SYNC, lowerCase)).outcome())
                .as("a repeat asks for what it got").isEqualTo(Outcome.DONE);
    }

    @Test
    void aConfigureKeepsTheSystemAndRefusesAnother() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        VpsSpec unnamed = World.containerSpec(4, 20, 2).withPlatform(Platform.UNSPECIFIED);

        assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                World.containerSpec(4, 20, 2).withPlatform(new Platform("x86_64", "debian", "12")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("platform.OS");
        VpsAnswer configured = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, unnamed));

        assertThat(configured.vps().spec().platform()).isEqualTo(World.UBUNTU);
        assertThat(configured.vps().spec().hardware().memoryGb()).isEqualTo(4);
    }

    @Test
    void aConfigureChangesOnlyThePartsOfTheLoginItSends() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC.withLogin(new Login(List.of(KEY_A), HASH_1))));

        VpsAnswer nothing = configure(LoginChange.KEEP);
        assertThat(nothing.outcome()).isEqualTo(Outcome.DONE);
        assertThat(nothing.vps().spec().login()).isEqualTo(new Login(List.of(KEY_A), HASH_1));
        assertThat(world.containers.calls(ControllableBackend.Call.RECONFIGURE)).as("nothing to change").isZero();

        assertThat(configure(new LoginChange(List.of(KEY_B), null)).vps().spec().login()).isEqualTo(new Login(List.of(KEY_B), HASH_1));
        VpsAnswer password = configure(new LoginChange(null, HASH_2));
        assertThat(password.vps().spec().login()).isEqualTo(new Login(List.of(KEY_B), HASH_2));
        assertThat(world.containers.calls(ControllableBackend.Call.RECONFIGURE)).as("a new password is a change").isEqualTo(2);
        assertThat(configure(new LoginChange(List.of(), null)).vps().spec().login()).isEqualTo(new Login(List.of(), HASH_2));
    }

    @Test
    void aPollOfAConfigureIsRecognisedAlthoughItsPasswordIsHashedAnew() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(World.GUEST_CHECK);
        world.driveDue();
        VpsSpec grown = World.vmSpec(8, 40, 2);

        VpsAnswer accepted = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, grown,
                new LoginChange(List.of(KEY_A), HASH_1), null));
        VpsAnswer poll = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, ASYNC, grown,
                new LoginChange(List.of(KEY_A), HASH_2), null));

        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(poll.outcome()).isEqualTo(Outcome.ACCEPTED);
        world.driveDue();
        VpsAnswer done = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, ASYNC, grown,
                new LoginChange(List.of(KEY_A), HASH_2), null));
        assertThat(done.outcome()).isEqualTo(Outcome.DONE);
        assertThat(done.vps().spec().login()).as("the password of the request that started it").isEqualTo(new Login(List.of(KEY_A), HASH_1));
        assertThat(done.info()).isEqualTo("Configuration done: configured without a restart");
    }

    @Test
    void theAddressTheBackendReportsIsRecordedWhenAnOperationEndsAndDroppedWhenTheServerStops() {
        VpsAnswer provisioned = world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(provisioned.vps().ipv4()).isEqualTo(ControllableBackend.addressOf(vpsId));
        assertThat(world.storedVps(vpsId).ipv4()).isEqualTo(ControllableBackend.addressOf(vpsId));
        VpsAnswer stopped = world.requests.stop(World.command(instanceId, vpsId, SYNC));
        assertThat(stopped.vps().ipv4()).isNull();
        assertThat(world.requests.start(World.command(instanceId, vpsId, SYNC)).vps().ipv4())
                .isEqualTo(ControllableBackend.addressOf(vpsId));
    }

    @Test
    void aConfigureSaysHowItReachedTheServer() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                CONTAINER_SPEC.withPlatform(Platform.UNSPECIFIED).withLogin(Login.NONE)));
        assertThat(answer.info()).isEqualTo("the VPS already has these properties");
        VpsAnswer resized = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                new VpsSpec("web-1", null, new Hardware(4, 20, 2, false), null, null, null)));

        assertThat(resized.outcome()).isEqualTo(Outcome.DONE);
        assertThat(resized.info()).isEqualTo("Configuration done: configured without a restart");
    }

    @Test
    void reconcileRecordsTheAddressOfAServerChangedBehindTheConnectorsBack() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Reconciler reconciler = new Reconciler(world.db, world.fleet, world.clock, world.controllerUpdates);
        world.containers.stop(vpsId);

        reconciler.reconcile(ReconcileMode.DRY_RUN);
        assertThat(world.storedVps(vpsId).ipv4()).as("a dry run changes nothing").isNotNull();
        reconciler.reconcile(ReconcileMode.SAFE_REPAIRS);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPED);
        assertThat(world.storedVps(vpsId).ipv4()).isNull();

        world.containers.start(vpsId);
        reconciler.reconcile(ReconcileMode.SAFE_REPAIRS);
        assertThat(world.storedVps(vpsId).ipv4()).isEqualTo(ControllableBackend.addressOf(vpsId));
    }

    private VpsAnswer configure(LoginChange login) {
        return world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                CONTAINER_SPEC.withLogin(Login.NONE), login, null));
    }
}
