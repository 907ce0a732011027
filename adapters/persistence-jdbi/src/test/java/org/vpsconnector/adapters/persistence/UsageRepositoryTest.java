package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
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

    @Test
    void storesEveryFigureAndReadsItBack() {
        Vps vps = storedVps(Lifecycle.READY);
        // Beyond 2^31 everywhere, as a busy server's counters soon are.
        MeteredUsage usage = MeteredUsage.first(vps.id(),
                new UsageReading(9_000_000_000_000L, 3L << 30, 40L << 30, 7L << 40, 5L << 40, "2024-10-27T00:00:00Z"), T0)
                .next(new UsageReading(1_000L, 1L << 30, 41L << 30, 3L, 4L, null), T1);

        transactions.inTransaction(repositories -> {
            repositories.usage().insert(usage);
            return null;
        });

        assertThat(find(vps.id())).contains(usage);
        Optional<MeteredUsage> locked = transactions.inTransaction(repositories -> repositories.usage().lock(vps.id()));
        assertThat(locked).contains(usage);
    }

    @Test
    void anUpdateReplacesTheFigures() {
        Vps vps = storedVps(Lifecycle.READY);
        MeteredUsage first = MeteredUsage.first(vps.id(), new UsageReading(5, 6, 7, 8, 9, "run-1"), T0);
        MeteredUsage next = first.next(new UsageReading(1, 2, 3, 4, 5, "run-2"), T1);
        transactions.inTransaction(repositories -> {
            repositories.usage().insert(first);
            return null;
        });

        transactions.inTransaction(repositories -> {
            repositories.usage().update(next);
            return null;
        });

        assertThat(find(vps.id())).contains(next);
        assertThat(find(vps.id()).orElseThrow().totalCpuNanos()).isEqualTo(6);
    }

    @Test
    void theSecondFirstFiguresOfAVpsAreAConcurrentWrite() {
        Vps vps = storedVps(Lifecycle.READY);
        MeteredUsage first = MeteredUsage.first(vps.id(), new UsageReading(5, 6, 7, 8, 9, "run-1"), T0);
        transactions.inTransaction(repositories -> {
            repositories.usage().insert(first);
            return null;
        });

        assertThatThrownBy(() -> transactions.inTransaction(repositories -> {
            repositories.usage().insert(first);
            return null;
        })).isInstanceOf(ConcurrentWriteException.class);
    }

    @Test
    void removesTheFiguresOfDeletedVpsesOnly() {
        Vps deleted = storedVps(Lifecycle.DELETED);
        Vps ready = storedVps(Lifecycle.READY);
        transactions.inTransaction(repositories -> {
            repositories.usage().insert(MeteredUsage.first(deleted.id(), new UsageReading(1, 1, 1, 1, 1, null), T0));
            repositories.usage().insert(MeteredUsage.first(ready.id(), new UsageReading(1, 1, 1, 1, 1, null), T0));
            return null;
        });

        int removed = transactions.inTransaction(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        assertThat(find(deleted.id())).isEmpty();
        assertThat(find(ready.id())).isPresent();
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
