package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** The host of each VPS, the load of each host and the drains, stored alike on every {@link TestDatabase}. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FleetRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");

    @Parameter
    TestDatabase database;

    private Transactions transactions;

    @BeforeEach
    void connect() {
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        transactions = new JdbiTransactions(Jdbi.create(database.migrated()), new SecretSealing(key));
    }

    @Test
    void theHostOfAVpsIsStoredAndChangedWithIt() {
        Vps placed = store(vps(false, 2, 1, null, Lifecycle.PROVISIONING).placedOn("engine-a"));
        assertThat(find(placed.id()).host()).isEqualTo("engine-a");

        Vps moved = placed.placedOn("engine-b");
        transactions.inTransaction(repositories -> {
            repositories.vpses().update(moved);
            return null;
        });
        assertThat(find(placed.id()).host()).isEqualTo("engine-b");
        assertThat(find(store(vps(false, 1, 1, null, Lifecycle.READY)).id()).host()).as("stored before hosts were named").isNull();
    }

    @Test
    void theLoadOfEachHostCountsLiveVpsesOfItsTechnologyAndTheSubscriptionApart() {
        UUID subscription = UUID.randomUUID();
        UUID tag = UUID.randomUUID();
        String a = "a-" + tag.toString().substring(0, 8);
        String b = "b-" + tag.toString().substring(0, 8);
        store(vps(false, 2, 1, subscription, Lifecycle.READY).placedOn(a));
        store(vps(false, 4, 2, null, Lifecycle.PROVISIONING).placedOn(a));
        store(vps(false, 8, 4, subscription, Lifecycle.READY).placedOn(b));
        store(vps(false, 16, 8, subscription, Lifecycle.DELETED).placedOn(b));
        store(vps(false, 16, 8, subscription, Lifecycle.FAILED).placedOn(b));
        store(vps(true, 32, 16, subscription, Lifecycle.READY).placedOn(b));

        var loads = transactions.inTransaction(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, subscription));
        assertThat(loads).filteredOn(load -> load.host() != null && load.host().endsWith(tag.toString().substring(0, 8)))
                .extracting(HostLoad::host, HostLoad::vpses, HostLoad::memoryGb, HostLoad::cpus, HostLoad::ofSubscription)
                .containsExactlyInAnyOrder(tuple(a, 2, 6L, 3L, 1), tuple(b, 1, 8L, 4L, 1));

        var withoutSubscription = transactions.inTransaction(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, null));
        assertThat(withoutSubscription).filteredOn(load -> a.equals(load.host())).singleElement()
                .extracting(HostLoad::ofSubscription).isEqualTo(0);
    }

    @Test
    void placementsOfOneTechnologyFollowEachOtherSoTheSecondCountsTheFirstsVps() throws Exception {
        String host = "placed-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.CONTAINER);
                firstHoldsTheLock.countDown();
                sleep(700);
                repositories.vpses().insert(vps(false, 3, 1, null, Lifecycle.PROVISIONING).placedOn(host));
                return null;
            }));
            assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();
            transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.VIRTUAL_MACHINE);
                return null;
            });
            assertThat(first.isDone()).as("a VM's placement went on while a container's held its lock").isFalse();
            Future<List<HostLoad>> second = threads.submit(() -> transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.CONTAINER);
                return repositories.vpses().loadByHost(Technology.CONTAINER, null);
            }));

            first.get(20, TimeUnit.SECONDS);
            assertThat(second.get(20, TimeUnit.SECONDS)).filteredOn(load -> host.equals(load.host()))
                    .as("the second placement read the loads after the first one's VPS was stored")
                    .singleElement().extracting(HostLoad::memoryGb).isEqualTo(3L);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOperatorListsVpsesByInstanceStateAndHostWithUnplacedOnesOnTheFirstHost() {
        UUID instance = UUID.randomUUID();
        Vps onA = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-a"), PowerState.RUNNING));
        Vps onB = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-b"), PowerState.STOPPED));
        Vps unplaced = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY), PowerState.RUNNING));
        Vps vmOnA = store(of(instance, vps(true, 1, 1, null, Lifecycle.READY).placedOn("engine-a"), PowerState.RUNNING));
        store(of(instance, vps(false, 1, 1, null, Lifecycle.DELETED).placedOn("engine-a"), PowerState.RUNNING));
        store(of(UUID.randomUUID(), vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-a"), PowerState.RUNNING));

        assertThat(list(new VpsFilter(instance, null, null, null, false, 100))).extracting(Vps::id)
                .containsExactlyInAnyOrder(onA.id(), onB.id(), unplaced.id(), vmOnA.id());
        assertThat(list(new VpsFilter(instance, PowerState.STOPPED, null, null, false, 100))).extracting(Vps::id)
                .containsExactly(onB.id());
        assertThat(list(new VpsFilter(instance, null, "engine-a", Technology.CONTAINER, true, 100))).extracting(Vps::id)
                .containsExactlyInAnyOrder(onA.id(), unplaced.id());
        assertThat(list(new VpsFilter(instance, null, "engine-b", Technology.CONTAINER, false, 100))).extracting(Vps::id)
                .containsExactly(onB.id());
        assertThat(list(new VpsFilter(instance, null, null, null, false, 2))).hasSize(2);
    }

    @Test
    void aDrainKeepsItsFirstReasonUntilItIsLifted() {
        String scope = "container:engine-" + UUID.randomUUID();
        transactions.inTransaction(repositories -> {
            repositories.drains().drain(new Drain(scope, "kernel update", T0));
            repositories.drains().drain(new Drain(scope, "again", T0.plusSeconds(60)));
            return null;
        });

        assertThat(drainOf(scope)).contains(new Drain(scope, "kernel update", T0));
        List<Drain> drains = transactions.inTransaction(repositories -> repositories.drains().list());
        assertThat(drains).extracting(Drain::scope).contains(scope);
        assertThat(undrain(scope)).isTrue();
        assertThat(undrain(scope)).isFalse();
        assertThat(drainOf(scope)).isEmpty();
    }

    private List<Vps> list(VpsFilter filter) {
        return transactions.inTransaction(repositories -> repositories.vpses().list(filter));
    }

    private static Vps of(UUID instance, Vps vps, PowerState state) {
        return new Vps(vps.id(), instance, vps.spec(), vps.lifecycle(), state, vps.createdAt(), vps.modifiedAt(),
                vps.resumeTo(), vps.ipv4(), vps.host());
    }

    private Optional<Drain> drainOf(String scope) {
        return transactions.inTransaction(repositories -> repositories.drains().find(scope));
    }

    private boolean undrain(String scope) {
        return transactions.inTransaction(repositories -> repositories.drains().undrain(scope));
    }

    private static Vps vps(boolean vm, int memoryGb, int cpus, UUID subscription, Lifecycle lifecycle) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(memoryGb, 10, cpus, vm), Platform.UNSPECIFIED, null, subscription);
        return new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, lifecycle, PowerState.RUNNING, T0, T0);
    }

    private Vps store(Vps vps) {
        transactions.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }

    private Vps find(UUID id) {
        return transactions.inTransaction(repositories -> repositories.vpses().find(id)).orElseThrow();
    }
}
