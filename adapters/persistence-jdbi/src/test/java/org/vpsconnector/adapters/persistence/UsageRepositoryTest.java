package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
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
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * Two meters claiming one VPS in transactions under way at once, on every {@link TestDatabase}: the
 * in-memory database runs one transaction at a time, so only the database shows it. What the usage
 * repository promises otherwise is in {@link JdbiRepositoryContractTest}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class UsageRepositoryTest {
    private static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");
    private static final Instant UNTIL = T0.plusSeconds(35);

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
    void twoMetersClaimingAVpsNeverMeasuredAtTheSameTimeGetItOnce() throws Exception {
        Vps vps = storedVps();
        CyclicBarrier bothInTheirTransaction = new CyclicBarrier(2);
        ExecutorService meters = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (String meter : List.of("meter-a", "meter-b")) {
                claims.add(meters.submit(() -> {
                    try {
                        return transactions.inTransaction(repositories -> {
                            awaitOther(bothInTheirTransaction);
                            return repositories.usage().claim(vps.id(), meter, T0, UNTIL);
                        });
                    } catch (ConcurrentWriteException anotherMeterFirst) {
                        return false;
                    }
                }));
            }
            List<Boolean> taken = new ArrayList<>();
            for (Future<Boolean> claim : claims) {
                taken.add(claim.get(30, TimeUnit.SECONDS));
            }

            assertThat(taken).containsExactlyInAnyOrder(true, false);
        } finally {
            meters.shutdownNow();
        }
    }

    private static void awaitOther(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Vps storedVps() {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(1, 10, 1, false), Platform.UNSPECIFIED, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, Lifecycle.READY, PowerState.RUNNING, T0, T0);
        transactions.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }
}
