package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.OperationFilter;
import org.vpsconnector.application.port.out.OperationRepository;
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
 * What {@link OperationRepository#list} promises the operators: the operations filtered by status,
 * kind, their VPS's instance and its host, newest first.
 */
public abstract class OperationListingContract extends RepositoryContract {
    private static final Instant START = Instant.parse("2026-02-01T08:00:00.250Z");
    private static final String ENGINE = "engine-a";
    private static final String KVM = "kvm-a";

    private final UUID instance = UUID.randomUUID();
    private final UUID otherInstance = UUID.randomUUID();

    private Operation provisionOnEngine;
    private Operation stopOnEngine;
    private Operation provisionUnnamed;
    private Operation provisionOnKvm;
    private Operation configureOnKvm;
    private Operation provisionOfOtherInstance;

    @BeforeEach
    void storeAFewOperations() {
        Vps containerOnEngine = store(vps(instance, false).placedOn(ENGINE));
        Vps containerUnnamed = store(vps(instance, false));
        Vps vmOnKvm = store(vps(instance, true).placedOn(KVM));
        Vps vmUnnamedOfOtherInstance = store(vps(otherInstance, true));

        provisionOnEngine = insert(accepted(containerOnEngine, OperationKind.PROVISION, 0).succeed(START.plusSeconds(1)));
        provisionUnnamed = insert(accepted(containerUnnamed, OperationKind.PROVISION, 2).fail("no image", START.plusSeconds(3)));
        provisionOnKvm = insert(accepted(vmOnKvm, OperationKind.PROVISION, 4).succeed(START.plusSeconds(5)));
        provisionOfOtherInstance = insert(accepted(vmUnnamedOfOtherInstance, OperationKind.PROVISION, 6));
        stopOnEngine = insert(accepted(containerOnEngine, OperationKind.STOP, 8)
                .progress("stopping", START.plusSeconds(9), START.plusSeconds(9)));
        // Created in the same clock tick as the stop: the later insert is the newer.
        configureOnKvm = insert(accepted(vmOnKvm, OperationKind.CONFIGURE, 8));
    }

    @Test
    void everyOperationComesNewestFirstUpToTheLimit() {
        assertThat(list(OperationFilter.ANY, 50)).containsExactly(configureOnKvm.id(), stopOnEngine.id(),
                provisionOfOtherInstance.id(), provisionOnKvm.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(OperationFilter.ANY, 1)).containsExactly(configureOnKvm.id());
    }

    @Test
    void anInstancesOperationsComeNewestFirstUpToTheLimit() {
        assertThat(list(filter(null, null, instance, null, false, false), 50)).containsExactly(
                configureOnKvm.id(), stopOnEngine.id(), provisionOnKvm.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, instance, null, false, false), 2))
                .containsExactly(configureOnKvm.id(), stopOnEngine.id());
        assertThat(list(filter(null, null, otherInstance, null, false, false), 50))
                .containsExactly(provisionOfOtherInstance.id());
        assertThat(list(filter(null, null, UUID.randomUUID(), null, false, false), 50)).isEmpty();
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
        assertThat(list(filter(OperationStatus.ACCEPTED, OperationKind.PROVISION, null, null, false, false), 50))
                .containsExactly(provisionOfOtherInstance.id());
    }

    @Test
    void aHostKeepsTheOperationsOfItsVpsesAndOfUnnamedOnesWhenItIsTheFirstOfTheirTechnology() {
        assertThat(list(filter(null, null, null, ENGINE, false, false), 50))
                .containsExactly(stopOnEngine.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, instance, ENGINE, true, false), 50))
                .as("the unnamed container VPS lives on the first container host")
                .containsExactly(stopOnEngine.id(), provisionUnnamed.id(), provisionOnEngine.id());
        assertThat(list(filter(null, null, null, KVM, false, false), 50))
                .containsExactly(configureOnKvm.id(), provisionOnKvm.id());
        assertThat(list(filter(null, null, otherInstance, KVM, false, true), 50))
                .as("the unnamed VM lives on the first hypervisor host").containsExactly(provisionOfOtherInstance.id());
        assertThat(list(filter(null, null, otherInstance, KVM, true, false), 50))
                .as("an unnamed VM is not on the first container host").isEmpty();
        assertThat(list(filter(null, OperationKind.STOP, null, ENGINE, true, true), 50)).containsExactly(stopOnEngine.id());
        assertThat(list(filter(null, null, null, "no-such-host", false, false), 50)).isEmpty();
    }

    private static OperationFilter filter(OperationStatus status, OperationKind kind, UUID instanceId, String host,
                                          boolean firstContainerHost, boolean firstHypervisorHost) {
        return new OperationFilter(status, kind, instanceId, host, firstContainerHost, firstHypervisorHost);
    }

    private List<UUID> list(OperationFilter filter, int limit) {
        return read(repositories -> repositories.operations().list(filter, limit)).stream().map(Operation::id).toList();
    }

    private static Vps vps(UUID instanceId, boolean vm) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(2, 10, 1, vm), Platform.UNSPECIFIED, null, null);
        return new Vps(UUID.randomUUID(), instanceId, spec, Lifecycle.READY, PowerState.RUNNING, START, START);
    }

    private static Operation accepted(Vps vps, OperationKind kind, int second) {
        return Operation.accept(UUID.randomUUID(), vps.id(), kind, kind.carriesSpec() ? vps.spec() : null, "txn-" + second,
                START.plusSeconds(second));
    }
}
