package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
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
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** The usage figures, stored alike on every {@link TestDatabase}. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class UsageRepositoryTest {
    private static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");
    private static final Instant T1 = Instant.parse("2024-10-27T01:30:00.654321Z");

    @Parameter
    TestDatabase database;

    private Transactions transactions;

    @BeforeEach
    void connect() {
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        transactions = new JdbiTransactions(Jdbi.create(database.migrated()), new SecretSealing(key));
    }

    private static final Instant UNTIL = T0.plusSeconds(35);

    @Test
    void storesEveryFigureUnderAClaimAndReadsItBack() {
        Vps vps = storedVps(Lifecycle.READY);
        // Beyond 2^31 everywhere, as a busy server's counters soon are.
        MeteredUsage usage = MeteredUsage.first(vps.id(),
                new UsageReading(9_000_000_000_000L, 3L << 30, 40L << 30, 7L << 40, 5L << 40, "2024-10-27T00:00:00Z"), T0)
                .next(new UsageReading(1_000L, 1L << 30, 41L << 30, 3L, 4L, null), T1);
        assertThat(claim(vps, "meter-a", T0)).isTrue();
        assertThat(find(vps.id())).as("nothing served before the first figures").isEmpty();

        boolean stored = transactions.inTransaction(repositories -> {
            boolean held = repositories.usage().lockIfClaimedBy(vps.id(), "meter-a", T0);
            if (held) {
                repositories.usage().save(usage);
            }
            return held;
        });

        assertThat(stored).isTrue();
        assertThat(find(vps.id())).contains(usage);
        assertThat(claim(vps, "meter-b", T0)).as("saving released the claim").isTrue();
    }

    @Test
    void aClaimIsTheMetersAloneUntilItExpires() {
        Vps vps = storedVps(Lifecycle.READY);
        assertThat(claim(vps, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(holds(vps, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(holds(vps, "meter-a", T0.plusSeconds(30))).isTrue();

        assertThat(claim(vps, "meter-b", UNTIL.plusMillis(1))).as("an expired claim is taken over").isTrue();
        assertThat(holds(vps, "meter-a", UNTIL.plusMillis(1))).isFalse();
    }

    @Test
    void twoMetersClaimingAVpsNeverMeasuredAtTheSameTimeGetItOnce() throws Exception {
        Vps vps = storedVps(Lifecycle.READY);
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

    @Test
    void aReleasedClaimCanBeTakenAtOnce() {
        Vps vps = storedVps(Lifecycle.READY);
        claim(vps, "meter-a", T0);

        transactions.inTransaction(repositories -> {
            repositories.usage().release(vps.id(), "meter-b");
            return null;
        });
        assertThat(claim(vps, "meter-b", T0)).as("only its holder releases a claim").isFalse();
        transactions.inTransaction(repositories -> {
            repositories.usage().release(vps.id(), "meter-a");
            return null;
        });

        assertThat(claim(vps, "meter-b", T0)).isTrue();
    }

    @Test
    void removesTheFiguresOfDeletedVpsesOnly() {
        Vps deleted = storedVps(Lifecycle.DELETED);
        Vps ready = storedVps(Lifecycle.READY);
        for (Vps vps : new Vps[] {deleted, ready}) {
            claim(vps, "meter-a", T0);
            transactions.inTransaction(repositories -> {
                repositories.usage().save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0));
                return null;
            });
        }

        int removed = transactions.inTransaction(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        assertThat(find(deleted.id())).isEmpty();
        assertThat(find(ready.id())).isPresent();
    }

    private boolean claim(Vps vps, String meter, Instant now) {
        return transactions.inTransaction(repositories -> repositories.usage().claim(vps.id(), meter, now,
                now.equals(T0) ? UNTIL : now.plusSeconds(35)));
    }

    private boolean holds(Vps vps, String meter, Instant now) {
        return transactions.inTransaction(repositories -> repositories.usage().lockIfClaimedBy(vps.id(), meter, now));
    }

    private Vps storedVps(Lifecycle lifecycle) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(1, 10, 1, false), Platform.UNSPECIFIED, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, lifecycle, PowerState.RUNNING, T0, T0);
        transactions.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }

    private Optional<MeteredUsage> find(UUID vpsId) {
        return transactions.inTransaction(repositories -> repositories.usage().find(vpsId));
    }
}
