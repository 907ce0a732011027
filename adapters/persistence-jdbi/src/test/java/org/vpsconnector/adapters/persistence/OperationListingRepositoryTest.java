package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.OperationFilter;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The operators' listing of operations, filtered in SQL by status, kind, the VPS's instance and its
 * host, newest first, and the take-over of a lease by a cancel: alike on every {@link TestDatabase}.
 * The schema is shared by the repository tests, so each test lists only its own instances or hosts.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class OperationListingRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.250Z");

    @Parameter
    TestDatabase database;

    private Transactions transactions;
    private final UUID instance = UUID.randomUUID();
    private final UUID otherInstance = UUID.randomUUID();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String engine = "engine-" + tag;
    private final String kvm = "kvm-" + tag;

    private Vps containerOnEngine;
    private Vps containerUnnamed;
    private Vps vmOnKvm;
    private Vps vmUnnamedOfOtherInstance;
    private Operation provisionOnEngine;
    private Operation stopOnEngine;
    private Operation provisionUnnamed;
    private Operation provisionOnKvm;
    private Operation configureOnKvm;
    private Operation provisionOfOtherInstance;

    @BeforeEach
    void storeAFewOperations() {
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        transactions = new JdbiTransactions(Jdbi.create(database.migrated()), new SecretSealing(key));
        containerOnEngine = store(vps(instance, false).placedOn(engine));
        containerUnnamed = store(vps(instance, false));
        vmOnKvm = store(vps(instance, true).placedOn(kvm));
        vmUnnamedOfOtherInstance = store(vps(otherInstance, true));

        provisionOnEngine = store(accepted(containerOnEngine, OperationKind.PROVISION, 0).succeed(T0.plusSeconds(1)));
        provisionUnnamed = store(accepted(containerUnnamed, OperationKind.PROVISION, 2).fail("no image", T0.plusSeconds(3)));
        provisionOnKvm = store(accepted(vmOnKvm, OperationKind.PROVISION, 4).succeed(T0.plusSeconds(5)));
        provisionOfOtherInstance = store(accepted(vmUnnamedOfOtherInstance, OperationKind.PROVISION, 6));
        stopOnEngine = store(accepted(containerOnEngine, OperationKind.STOP, 8)
                .progress("stopping", T0.plusSeconds(9), T0.plusSeconds(9)));
        // Created in the same clock tick as the stop: the later insert is the newer.
        configureOnKvm = store(accepted(vmOnKvm, OperationKind.CONFIGURE, 8));
    }

    @Test
    void anInstancesOperationsComeNewestFirstUpToTheLimit() {
        assertThat(list(filter(null, null, instance, null, false, false), 50)).containsExactly(
                configureOnKvm.id(), stopOnEngine.id(), provisionOnKvm.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, instance, null, false, false), 2))
                .containsExactly(configureOnKvm.id(), stopOnEngine.id());
        assertThat(list(filter(null, null, otherInstance, null, false, false), 50))
                .containsExactly(provisionOfOtherInstance.id());
    }

    @Test
    void statusAndKindFilterTogetherWithTheInstance() {
        assertThat(list(filter(OperationStatus.SUCCEEDED, null, instance, null, false, false), 50))
                .containsExactly(provisionOnKvm.id(), provisionOnEngine.id());
        assertThat(list(filter(OperationStatus.ACCEPTED, null, instance, null, false, false), 50))
                .containsExactly(configureOnKvm.id());
        assertThat(list(filter(null, OperationKind.PROVISION, instance, null, false, false), 50))
                .containsExactly(provisionOnKvm.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(filter(OperationStatus.FAILED, OperationKind.PROVISION, instance, null, false, false), 50))
                .containsExactly(provisionUnnamed.id());
        assertThat(list(filter(OperationStatus.CANCELLED, null, instance, null, false, false), 50)).isEmpty();
    }

    @Test
    void aHostKeepsTheOperationsOfItsVpsesAndOfUnnamedOnesWhenItIsTheFirstOfTheirTechnology() {
        assertThat(list(filter(null, null, null, engine, false, false), 50))
                .containsExactly(stopOnEngine.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, instance, engine, true, false), 50))
                .as("the unnamed container VPS lives on the first container host")
                .containsExactly(stopOnEngine.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, null, kvm, false, false), 50))
                .containsExactly(configureOnKvm.id(), provisionOnKvm.id());
        assertThat(list(filter(null, null, otherInstance, kvm, false, true), 50))
                .as("the unnamed VM lives on the first hypervisor host").containsExactly(provisionOfOtherInstance.id());
        assertThat(list(filter(null, null, otherInstance, kvm, true, false), 50))
                .as("an unnamed VM is not on the first container host").isEmpty();
        assertThat(list(filter(null, OperationKind.STOP, null, engine, true, true), 50)).containsExactly(stopOnEngine.id());
        assertThat(list(filter(null, null, null, "no-such-" + tag, false, false), 50)).isEmpty();
    }

    @Test
    void aTakeOverFencesOffALiveLeaseWithANewEpochAndLeavesAFinishedOperationAlone() {
        Instant now = T0.plusSeconds(10);
        Lease held = transactions.inTransaction(repositories -> {
            repositories.operations().claim(configureOnKvm.id(), "driver-a", now, now.plusSeconds(60));
            return repositories.operations().leaseOf(configureOnKvm.id()).orElseThrow();
        });

        boolean taken = transactions.inTransaction(repositories ->
                repositories.operations().takeOver(configureOnKvm.id(), "operator-cancel/a", now.plusSeconds(120)));

        assertThat(taken).isTrue();
        Lease ours = transactions.inTransaction(repositories -> repositories.operations().leaseOf(configureOnKvm.id()))
                .orElseThrow();
        assertThat(ours.owner()).isEqualTo("operator-cancel/a");
        assertThat(ours.epoch()).isEqualTo(held.epoch() + 1);
        assertThat(ours.until()).isEqualTo(now.plusSeconds(120));
        boolean renewedByTheOldHolder = transactions.inTransaction(repositories ->
                repositories.operations().renew(held, now.plusSeconds(1), now.plusSeconds(61)));
        assertThat(renewedByTheOldHolder).isFalse();
        boolean finishedTaken = transactions.inTransaction(repositories ->
                repositories.operations().takeOver(provisionOnKvm.id(), "operator-cancel/a", now.plusSeconds(120)));
        assertThat(finishedTaken).isFalse();
        Optional<Lease> finishedLease = transactions.inTransaction(repositories ->
                repositories.operations().leaseOf(provisionOnKvm.id()));
        assertThat(finishedLease).isEmpty();
    }

    private static OperationFilter filter(OperationStatus status, OperationKind kind, UUID instanceId, String host,
                                          boolean firstContainerHost, boolean firstHypervisorHost) {
        return new OperationFilter(status, kind, instanceId, host, firstContainerHost, firstHypervisorHost);
    }

    private List<UUID> list(OperationFilter filter, int limit) {
        return transactions.inTransaction(repositories -> repositories.operations().list(filter, limit))
                .stream().map(Operation::id).toList();
    }

    private static Vps vps(UUID instanceId, boolean vm) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(2, 10, 1, vm), Platform.UNSPECIFIED, null, null);
        return new Vps(UUID.randomUUID(), instanceId, spec, Lifecycle.READY, PowerState.RUNNING, T0, T0);
    }

    private static Operation accepted(Vps vps, OperationKind kind, int second) {
        return Operation.accept(UUID.randomUUID(), vps.id(), kind, kind.carriesSpec() ? vps.spec() : null, "txn-" + second,
                T0.plusSeconds(second));
    }

    private Vps store(Vps vps) {
        transactions.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }

    private Operation store(Operation operation) {
        transactions.inTransaction(repositories -> {
            repositories.operations().insert(operation);
            return null;
        });
        return operation;
    }
}
