package org.vpsconnector.application.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.UsageReading;

class UsageMeterTest {
    /** As fast as the reads go: these tests are about what a pass does, not its pace. */
    private static final int UNPACED = Integer.MAX_VALUE;
    private static final UsageSettings SETTINGS = new UsageSettings(Duration.ofMinutes(1), 2, Duration.ofSeconds(40), UNPACED);

    private final World world = new World();
    private final UsageMeter meter = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-a");
    private final UUID instanceId = world.installInstance();

    @AfterEach
    void stopTheMeter() throws InterruptedException {
        meter.stop();
    }

    private UUID runningContainer() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        return vpsId;
    }

    @Test
    void retrieveCarriesNoUsageUntilTheVpsHasBeenMeasured() {
        UUID vpsId = runningContainer();

        assertThat(world.requests.retrieve(instanceId, vpsId).usage()).isEmpty();
    }

    @Test
    void retrieveCarriesWhatTheMeterMeasuredLast() {
        UUID vpsId = runningContainer();
        world.containers.setUsage(vpsId, new UsageReading(3_000_000_000L, 256L << 20, 1L << 30, 5L << 20, 2L << 20, "run-1"));

        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.measured()).isEqualTo(1);
        MeteredUsage usage = world.requests.retrieve(instanceId, vpsId).usage().orElseThrow();
        assertThat(usage.totalCpuNanos()).isEqualTo(3_000_000_000L);
        assertThat(usage.memoryBytes()).isEqualTo(256L << 20);
        assertThat(usage.diskBytes()).isEqualTo(1L << 30);
        assertThat(usage.totalNetworkInBytes()).isEqualTo(5L << 20);
        assertThat(usage.totalNetworkOutBytes()).isEqualTo(2L << 20);
        assertThat(usage.measuredAt()).isEqualTo(world.clock.instant());
    }

    @Test
    void aPassOverMoreVpsesThanItReadsAtOnceMeasuresEveryOneOnce() {
        List<UUID> vpses = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            UUID vpsId = runningContainer();
            world.containers.setUsage(vpsId, new UsageReading(i, 1L << 20, 1L << 30, 0, 0, "run-1"));
            vpses.add(vpsId);
        }

        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.measured()).isEqualTo(1_201);
        assertThat(vpses).allSatisfy(vpsId -> assertThat(world.requests.retrieve(instanceId, vpsId).usage()).isPresent());
    }

    @Test
    void retrieveNeverAsksTheBackendAndAnswersWhileItHangs() throws Exception {
        UUID vpsId = runningContainer();
        world.containers.setUsage(vpsId, new UsageReading(1_000, 1, 1, 1, 1, "run-1"));
        meter.measureAll();
        ControllableBackend.Hang hang = world.containers.hang(ControllableBackend.Call.MEASURE);
        CompletableFuture<UsageMeter.Pass> stuckPass = CompletableFuture.supplyAsync(meter::measureAll);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> hang.blocked() == 1);
            long callsBefore = world.containers.invocations().size();

            VpsWithUsage retrieved = world.requests.retrieve(instanceId, vpsId);

            assertThat(retrieved.usage()).map(MeteredUsage::totalCpuNanos).contains(1_000L);
            assertThat(world.containers.invocations()).hasSize((int) callsBefore);
        } finally {
            hang.release();
        }
        assertThat(stuckPass.get().measured()).isEqualTo(1);
    }

    @Test
    void countersDoNotGoBackwardsWhenTheServerRestarts() {
        UUID vpsId = runningContainer();
        world.containers.setUsage(vpsId, new UsageReading(500, 10, 10, 300, 400, "run-1"));
        meter.measureAll();
        world.clock.advance(Duration.ofMinutes(1));
        world.containers.setUsage(vpsId, new UsageReading(20, 10, 10, 7, 5, "run-2"));

        meter.measureAll();

        MeteredUsage usage = world.db.usage(vpsId).orElseThrow();
        assertThat(usage.totalCpuNanos()).isEqualTo(520);
        assertThat(usage.totalNetworkInBytes()).isEqualTo(307);
        assertThat(usage.totalNetworkOutBytes()).isEqualTo(405);
    }

    @Test
    void aSecondMeterMeasuringTheSameReadingDoesNotCountItTwice() {
        UUID vpsId = runningContainer();
        UsageMeter otherReplica = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-b");
        world.containers.setUsage(vpsId, new UsageReading(500, 10, 10, 300, 400, "run-1"));
        meter.measureAll();
        world.containers.setUsage(vpsId, new UsageReading(20, 10, 10, 7, 5, "run-2"));
        world.clock.advance(Duration.ofSeconds(30));

        meter.measureAll();
        otherReplica.measureAll();

        assertThat(world.db.usage(vpsId).orElseThrow().totalCpuNanos()).isEqualTo(520);
    }

    @Test
    void whileOneReplicaReadsAServerTheOtherLeavesItAndNothingIsCountedTwice() throws Exception {
        UUID vpsId = runningContainer();
        UsageMeter otherReplica = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-b");
        world.containers.setUsage(vpsId, new UsageReading(500, 10, 10, 300, 400, "run-1"));
        meter.measureAll();
        world.clock.advance(Duration.ofSeconds(30));
        // This replica is slow to read the server, which restarts meanwhile.
        ControllableBackend.Hang hang = world.containers.hang(ControllableBackend.Call.MEASURE);
        CompletableFuture<UsageMeter.Pass> slow = CompletableFuture.supplyAsync(meter::measureAll);
        await().atMost(Duration.ofSeconds(10)).until(() -> hang.blocked() == 1);
        world.containers.stopHanging(ControllableBackend.Call.MEASURE);

        world.containers.setUsage(vpsId, new UsageReading(20, 10, 10, 7, 5, "run-2"));
        UsageMeter.Pass other = otherReplica.measureAll();
        hang.release();

        assertThat(other.measured()).as("the other replica leaves a server being read").isZero();
        assertThat(slow.get().measured()).isEqualTo(1);
        world.clock.advance(Duration.ofSeconds(30));
        otherReplica.measureAll();
        assertThat(world.db.usage(vpsId).orElseThrow().totalCpuNanos()).isEqualTo(520);
    }

    @Test
    void aClaimThatOutlivedItsDurationPassesToAnotherReplicaAndItsReadingIsDropped() throws Exception {
        UUID vpsId = runningContainer();
        UsageMeter otherReplica = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-b");
        world.containers.setUsage(vpsId, new UsageReading(500, 10, 10, 300, 400, "run-1"));
        ControllableBackend.Hang hang = world.containers.hang(ControllableBackend.Call.MEASURE);
        CompletableFuture<UsageMeter.Pass> stuck = CompletableFuture.supplyAsync(meter::measureAll);
        await().atMost(Duration.ofSeconds(10)).until(() -> hang.blocked() == 1);
        world.containers.stopHanging(ControllableBackend.Call.MEASURE);
        world.clock.advance(SETTINGS.claimDuration().plusSeconds(1));

        world.containers.setUsage(vpsId, new UsageReading(20, 10, 10, 7, 5, "run-2"));
        assertThat(otherReplica.measureAll().measured()).isEqualTo(1);
        hang.release();

        assertThat(stuck.get().measured()).as("a reading stored after its claim passed on").isZero();
        assertThat(world.db.usage(vpsId).orElseThrow().totalCpuNanos()).isEqualTo(20);
    }

    @Test
    void aServerThatCannotBeReadKeepsItsLastFigures() {
        UUID vpsId = runningContainer();
        world.containers.setUsage(vpsId, new UsageReading(500, 10, 10, 300, 400, "run-1"));
        meter.measureAll();
        MeteredUsage before = world.db.usage(vpsId).orElseThrow();
        world.clock.advance(Duration.ofMinutes(1));
        world.containers.failNext(ControllableBackend.Call.MEASURE, 1, true);

        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.unreadable()).isEqualTo(1);
        assertThat(world.db.usage(vpsId)).contains(before);
    }

    @Test
    void theFiguresOfAnUnprovisionedVpsAreRemoved() {
        UUID vpsId = runningContainer();
        meter.measureAll();
        assertThat(world.db.usage(vpsId)).isPresent();

        world.requests.unprovision(command(instanceId, vpsId, SYNC));
        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.removed()).isEqualTo(1);
        assertThat(world.db.usage(vpsId)).isEmpty();
        assertThatThrownBy(() -> world.requests.retrieve(instanceId, vpsId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theBackgroundMeterMeasuresWithoutBeingAsked() {
        UUID vpsId = runningContainer();

        meter.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> world.db.usage(vpsId).isPresent());
        assertThat(meter.lastPassAt()).isNotNull();
    }
}
