package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The placement lock of each technology on every {@link TestDatabase}: one row lock per technology,
 * where the in-memory database runs every transaction apart. That placements of one technology follow
 * each other, and what the fleet's repositories promise otherwise, is in {@link JdbiRepositoryContractTest}.
 */
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
    void aVmsPlacementGoesOnWhileAContainersHoldsItsLock() throws Exception {
        String host = "placed-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch vmPlaced = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> container = threads.submit(() -> transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.CONTAINER);
                firstHoldsTheLock.countDown();
                boolean vmWentOn = await(vmPlaced);
                repositories.vpses().insert(vps(false).placedOn(host));
                return vmWentOn;
            }));
            assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();

            transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.VIRTUAL_MACHINE);
                repositories.vpses().insert(vps(true).placedOn(host));
                return null;
            });
            vmPlaced.countDown();

            assertThat(container.get(20, TimeUnit.SECONDS)).as("the VM was placed while the container's lock was held")
                    .isTrue();
        } finally {
            threads.shutdownNow();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Vps vps(boolean vm) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(1, 10, 1, vm), Platform.UNSPECIFIED, null, null);
        return new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, Lifecycle.PROVISIONING, PowerState.RUNNING, T0, T0);
    }
}
