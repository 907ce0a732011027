package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(save(usage, "meter-a", T0)).isTrue();

        assertThat(find(vps.id())).contains(usage);
        assertThat(save(usage, "meter-a", T0)).as("saving released the claim").isFalse();
        assertThat(claim(vps, "meter-b", T0)).isTrue();
    }

    @Test
    void newFiguresReplaceTheStoredOnes() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        MeteredUsage first = MeteredUsage.first(vps.id(), new UsageReading(10, 1, 1, 1, 1, "run-1"), T0);
        MeteredUsage second = first.next(new UsageReading(20, 2, 2, 2, 2, "run-1"), T1);
        claim(vps, "meter-a", T0);
        assertThat(save(first, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-b", T1)).isTrue();
        assertThat(save(second, "meter-b", T1)).isTrue();

        assertThat(find(vps.id())).contains(second);
    }

    @Test
    void aClaimIsTheMetersAloneUntilItExpires() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        MeteredUsage ofB = MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0);
        assertThat(claim(vps, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(save(ofB, "meter-b", T0.plusSeconds(30))).isFalse();
        assertThat(find(vps.id())).isEmpty();
        assertThat(claim(vps, "meter-b", UNTIL)).as("live to the end of its time").isFalse();

        assertThat(claim(vps, "meter-b", UNTIL.plusMillis(1))).as("an expired claim is taken over").isTrue();
        assertThat(save(ofB, "meter-a", UNTIL.plusMillis(1))).isFalse();
        assertThat(save(ofB, "meter-b", UNTIL.plusMillis(1))).isTrue();
        assertThat(find(vps.id())).contains(ofB);
    }

    @Test
    void figuresAreStoredUntilTheEndOfTheClaimAndNotAfter() {
        Vps onTime = store(vps(false, 1, 1, null, Lifecycle.READY));
        Vps late = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(onTime, "meter-a", T0);
        claim(late, "meter-a", T0);

        assertThat(save(MeteredUsage.first(onTime.id(), new UsageReading(1, 1, 1, 1, 1, null), UNTIL), "meter-a", UNTIL)).isTrue();
        assertThat(save(MeteredUsage.first(late.id(), new UsageReading(1, 1, 1, 1, 1, null), UNTIL), "meter-a", UNTIL.plusMillis(1)))
                .as("expired, though no other meter took it").isFalse();

        assertThat(find(onTime.id())).isPresent();
        assertThat(find(late.id())).isEmpty();
    }

    @Test
    void aMeterClaimsAgainWhatItHoldsAndSoExtendsItsClaim() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        assertThat(claim(vps, "meter-a", T0)).isTrue();

        assertThat(claim(vps, "meter-a", T0.plusSeconds(30))).isTrue();

        assertThat(claim(vps, "meter-b", UNTIL.plusSeconds(10))).as("held until 30 s + 35 s").isFalse();
        assertThat(save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", UNTIL.plusSeconds(10)))
                .isTrue();
    }

    @Test
    void aReleasedClaimCanBeTakenAtOnce() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(vps, "meter-a", T0);

        release(vps, "meter-b");
        assertThat(claim(vps, "meter-b", T0)).as("only its holder releases a claim").isFalse();
        release(vps, "meter-a");

        assertThat(save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", T0)).isFalse();
        assertThat(claim(vps, "meter-b", T0)).isTrue();
    }

    @Test
    void aVpsNeverClaimedTakesNoFigures() {
        Vps vps = store(vps(false, 1, 1, null, Lifecycle.READY));

        assertThat(save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", T0)).isFalse();

        assertThat(find(vps.id())).isEmpty();
    }

    @Test
    void aDeletedVpsIsNotClaimedAndAClaimHeldWhenItWasDeletedTakesNoFigures() {
        Vps neverClaimed = store(vps(false, 1, 1, null, Lifecycle.DELETED));
        Vps claimed = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(claimed, "meter-a", T0);
        delete(claimed);

        assertThat(claim(neverClaimed, "meter-a", T0)).isFalse();
        assertThat(save(MeteredUsage.first(claimed.id(), new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", T0)).isFalse();
        assertThat(claim(claimed, "meter-a", T0)).isFalse();
        assertThat(find(neverClaimed.id())).isEmpty();
        assertThat(find(claimed.id())).isEmpty();
    }

    @Test
    void aVpsThatIsNotStoredCannotBeClaimed() {
        UUID unknown = UUID.randomUUID();

        boolean claimed = read(repositories -> repositories.usage().claim(unknown, "meter-a", T0, UNTIL));
        boolean saved = read(repositories -> repositories.usage().saveIfClaimedBy(
                MeteredUsage.first(unknown, new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", T0));

        assertThat(claimed).isFalse();
        assertThat(saved).isFalse();
        assertThat(find(unknown)).isEmpty();
    }

    @Test
    void removesTheFiguresOfDeletedVpsesOnly() {
        Vps deleted = store(vps(false, 1, 1, null, Lifecycle.READY));
        Vps ready = store(vps(false, 1, 1, null, Lifecycle.READY));
        for (Vps vps : new Vps[] {deleted, ready}) {
            claim(vps, "meter-a", T0);
            save(MeteredUsage.first(vps.id(), new UsageReading(1, 1, 1, 1, 1, null), T0), "meter-a", T0);
        }
        delete(deleted);

        int removed = read(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        assertThat(find(deleted.id())).isEmpty();
        assertThat(find(ready.id())).isPresent();
        int removedAgain = read(repositories -> repositories.usage().removeOfDeletedVpses());
        assertThat(removedAgain).isZero();
    }

    @Test
    void removesTheClaimOfADeletedVpsNeverMeasuredAndCountsIt() {
        Vps deleted = store(vps(false, 1, 1, null, Lifecycle.READY));
        claim(deleted, "meter-a", T0);
        delete(deleted);

        int removed = read(repositories -> repositories.usage().removeOfDeletedVpses());

        assertThat(removed).isEqualTo(1);
        int removedAgain = read(repositories -> repositories.usage().removeOfDeletedVpses());
        assertThat(removedAgain).isZero();
    }

    private boolean claim(Vps vps, String meter, Instant now) {
        return read(repositories -> repositories.usage().claim(vps.id(), meter, now,
                now.equals(T0) ? UNTIL : now.plusSeconds(35)));
    }

    private boolean save(MeteredUsage usage, String meter, Instant now) {
        return read(repositories -> repositories.usage().saveIfClaimedBy(usage, meter, now));
    }

    private void release(Vps vps, String meter) {
        write(repositories -> repositories.usage().release(vps.id(), meter));
    }

    private void delete(Vps vps) {
        write(repositories -> repositories.vpses().update(new Vps(vps.id(), vps.instanceId(), vps.spec(), Lifecycle.DELETED,
                vps.state(), vps.createdAt(), T1)));
    }

    private Optional<MeteredUsage> find(UUID vpsId) {
        return read(repositories -> repositories.usage().find(vpsId));
    }
}
