package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.UsageRepository;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Vps;

/**
 * What {@link UsageRepository} promises: one meter at a time measures a VPS, under a claim live
 * until its time has passed, and the figures it stores are read back as stored.
 */
public abstract class UsageRepositoryContract extends RepositoryContract {
    private static final Instant UNTIL = T0.plusSeconds(35);

    @Test
    void storesEveryFigureUnderAClaimAndReadsItBack() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        // Beyond 2^31 everywhere, as a busy server's counters soon are.
        MeteredUsage usage = MeteredUsage.first(vps.id(),
                new UsageReading(9_000_000_000_000L, 3L << 30, 40L << 30, 7L << 40, 5L << 40, "2024-10-27T00:00:00Z"), T0)
                .next(new UsageReading(1_000L, 1L << 30, 41L << 30, 3L, 4L, null), T1);
        assertThat(claim(vps, "meter-a", T0)).isTrue();
        assertThat(find(vps.id())).as("nothing served before the first figures").isEmpty();

        boolean stored = read(repositories -> {
            boolean held = repositories.usage().lockIfClaimedBy(vps.id(), "meter-a", T0);
            if (held) {
                repositories.usage().save(usage);
            }
            return held;
        });

        assertThat(stored).isTrue();
        assertThat(find(vps.id())).contains(usage);
        assertThat(holds(vps, "meter-a", T0)).as("saving released the claim").isFalse();
        assertThat(claim(vps, "meter-b", T0)).isTrue();
    }

    @Test
    void newFiguresReplaceTheStoredOnes() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        MeteredUsage first = MeteredUsage.first(vps.id(), new UsageReading(10, 1, 1, 1, 1, "run-1"), T0);
        MeteredUsage second = first.next(new UsageReading(20, 2, 2, 2, 2, "run-1"), T1);
        claim(vps, "meter-a", T0);
        save(first);

        assertThat(claim(vps, "meter-b", T1)).isTrue();
        save(second);

        assertThat(find(vps.id())).contains(second);
    }

    @Test
    void aClaimIsTheMetersAloneUntilItExpires() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        assertThat(claim(vps, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(holds(vps, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(holds(vps, "meter-a", T0.plusSeconds(30))).isTrue();
        assertThat(claim(vps, "meter-b", UNTIL)).as("live to the end of its time").isFalse();
        assertThat(holds(vps, "meter-a", UNTIL)).isTrue();

        assertThat(claim(vps, "meter-b", UNTIL.plusMillis(1))).as("an expired claim is taken over").isTrue();
        assertThat(holds(vps, "meter-a", UNTIL.plusMillis(1))).isFalse();
        assertThat(holds(vps, "meter-b", UNTIL.plusMillis(1))).isTrue();
    }

    @Test
    void aMeterClaimsAgainWhatItHoldsAndSoExtendsItsClaim() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        assertThat(claim(vps, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-a", T0.plusSeconds(30))).isTrue();

        assertThat(holds(vps, "meter-a", UNTIL.plusSeconds(10))).as("held until 30 s + 35 s").isTrue();
        assertThat(claim(vps, "meter-b", UNTIL.plusSeconds(10))).isFalse();
    }

    @Test
    void aReleasedClaimCanBeTakenAtOnce() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(vps, "meter-a", T0);

        release(vps, "meter-b");
        assertThat(claim(vps, "meter-b", T0)).as("only its holder releases a claim").isFalse();
        release(vps, "meter-a");

        assertThat(holds(vps, "meter-a", T0)).isFalse();
        assertThat(claim(vps, "meter-b", T0)).isTrue();
    }

    @Test
    void aVpsNeverClaimedIsHeldByNoMeterAndTakesNoFigures() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));

        assertThat(holds(vps, "meter-a", T0)).isFalse();
        assertThatThrownBy(() -> save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(find(vps.id())).isEmpty();
    }

    @Test
    void figuresAreStoredForAVpsClaimedBeforeEvenOnceItsClaimIsGivenUp() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(vps, "meter-a", T0);
        release(vps, "meter-a");
        MeteredUsage usage = MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0);

        save(usage);

        assertThat(find(vps.id())).contains(usage);
    }

    @Test
    void aVpsThatIsNotStoredCannotBeClaimed() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> read(repositories -> repositories.usage().claim(unknown, "meter-a", T0, UNTIL))).isNotNull();
        boolean held = read(repositories -> repositories.usage().lockIfClaimedBy(unknown, "meter-a", T0));
        assertThat(held).isFalse();
        assertThat(find(unknown)).isEmpty();
    }

    @Test
    void removesTheFiguresOfDeletedVpsesOnly() {
        Vps deleted = store(vps(false, 1, 1, null, Lifecycle.DELETED));
        Vps ready = store(vps(false, 1, 1, null, Lifecycle.READY));
        for (Vps vps : new Vps[] {deleted, ready}) {
            claim(vps, "meter-a", T0);
            save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0));
        }

        int removed = read(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        assertThat(find(deleted.id())).isEmpty();
        assertThat(find(ready.id())).isPresent();
        int removedAgain = read(repositories -> repositories.usage().removeOfDeletedVpses());
        assertThat(removedAgain).isZero();
    }

    @Test
    void removesTheClaimOfADeletedVpsNeverMeasuredAndCountsIt() {
        Vps deleted = store(vps(false, 1, 1, null, Lifecycle.DELETED));
        claim(deleted, "meter-a", T0);

        int removed = read(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        assertThat(holds(deleted, "meter-a", T0)).isFalse();
        assertThat(claim(deleted, "meter-b", T0)).isTrue();
    }

    private boolean claim(Vps vps, String meter, Instant now) {
        return read(repositories -> repositories.usage().claim(vps.id(), meter, now,
                now.equals(T0) ? UNTIL : now.plusSeconds(35)));
    }

    private boolean holds(Vps vps, String meter, Instant now) {
        return read(repositories -> repositories.usage().lockIfClaimedBy(vps.id(), meter, now));
    }

    private void release(Vps vps, String meter) {
        write(repositories -> repositories.usage().release(vps.id(), meter));
    }

    private void save(MeteredUsage usage) {
        write(repositories -> repositories.usage().save(usage));
    }

    private Optional<MeteredUsage> find(UUID vpsId) {
        return read(repositories -> repositories.usage().find(vpsId));
    }
}
