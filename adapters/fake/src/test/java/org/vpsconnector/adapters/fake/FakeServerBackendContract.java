package org.vpsconnector.adapters.fake;

import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.port.out.ServerStatus.Power;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Technology;

/**
 * What the fakes do beyond the backend contract they share with Docker and libvirt
 * ({@link FakeBackendContractTest}): concurrency, technology checks, faults and latency.
 */
abstract class FakeServerBackendContract {

    static final Duration NO_LATENCY = Duration.ZERO;

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final FakeServerFarm farm = new FakeServerFarm();
    final FakeServerBackend backend = backendOn(farm, clock, settings(NO_LATENCY, FaultSettings.none()));
    final UUID instanceId = UUID.randomUUID();

    /** A backend of the technology under test. */
    abstract FakeServerBackend backendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings);

    /** A backend of the other technology, to share the farm with. */
    abstract FakeServerBackend otherBackendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings);

    /** The settings of the backend under test, with its own boot time. */
    abstract FakeBackendSettings settings(Duration latency, FaultSettings faults);

    Hardware hardware(int memoryGb, int cpuCount) {
        return new Hardware(memoryGb, 10, cpuCount, backend.technology() == Technology.VIRTUAL_MACHINE);
    }

    UUID createServer(Hardware hardware) {
        UUID vpsId = UUID.randomUUID();
        backend.create(spec(vpsId, hardware));
        return vpsId;
    }

    UUID startedServer() {
        UUID vpsId = createServer(hardware(1, 1));
        backend.start(vpsId);
        return vpsId;
    }

    ServerStatus inspect(UUID vpsId) {
        return backend.inspect(vpsId).orElseThrow();
    }

    ServerSpec spec(UUID vpsId, Hardware hardware) {
        return new ServerSpec(vpsId, instanceId, "vps-" + vpsId, hardware, Platform.UNSPECIFIED);
    }

    @Test
    void concurrentCreatesOfOneVpsMakeOneServer() {
        UUID vpsId = UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, 32)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> backend.create(spec(vpsId, hardware(1, 1))), threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdownNow();
        }

        assertThat(backend.list()).extracting(ServerStatus::vpsId).containsExactly(vpsId);
    }

    @Test
    void stoppingAServerStopsItAndItsGuest() {
        UUID vpsId = startedServer();
        clock.advance(Duration.ofMinutes(1));

        backend.stop(vpsId);

        assertThat(inspect(vpsId)).extracting(ServerStatus::power, ServerStatus::guestReady)
                .containsExactly(Power.STOPPED, false);
    }

    @Test
    void reconfiguringAppliesTheNewHardware() {
        UUID vpsId = createServer(hardware(1, 1));

        backend.reconfigure(vpsId, hardware(4, 2), Login.NONE);

        assertThat(inspect(vpsId)).extracting(ServerStatus::hardware, ServerStatus::power)
                .containsExactly(hardware(4, 2), Power.STOPPED);
    }

    @Test
    void changingAMissingServerFailsPermanently() {
        UUID missing = UUID.randomUUID();

        assertPermanentFailure(() -> backend.start(missing));
        assertPermanentFailure(() -> backend.stop(missing));
        assertPermanentFailure(() -> backend.reconfigure(missing, hardware(2, 2), Login.NONE));
    }

    @Test
    void creatingAServerOfTheOtherTechnologyFailsPermanently() {
        Hardware otherTechnology = new Hardware(1, 10, 1, backend.technology() != Technology.VIRTUAL_MACHINE);

        assertPermanentFailure(() -> backend.create(spec(UUID.randomUUID(), otherTechnology)));
        assertThat(backend.list()).isEmpty();
    }

    @Test
    void listShowsExactlyTheServersOfItsTechnology() {
        FakeServerBackend other = otherBackendOn(farm, clock, settings(NO_LATENCY, FaultSettings.none()));
        UUID first = createServer(hardware(1, 1));
        UUID second = startedServer();
        UUID otherOnly = UUID.randomUUID();
        other.create(otherSpec(other, otherOnly));
        other.create(otherSpec(other, first));

        assertThat(backend.list()).extracting(ServerStatus::vpsId).containsExactlyInAnyOrder(first, second);
        assertThat(backend.inspect(otherOnly)).isEmpty();
        assertThat(other.list()).extracting(ServerStatus::vpsId).containsExactlyInAnyOrder(otherOnly, first);
    }

    @Test
    void faultsFromTheSettingsApplyFromTheFirstCall() {
        FakeServerBackend faulty = backendOn(farm, clock, settings(NO_LATENCY, new FaultSettings(1, 0.0, Duration.ZERO)));

        assertTransientFailure(faulty::ping, "injected fault");
        faulty.ping();
    }

    @Test
    void theNextCallsFailWhenAsked() {
        UUID vpsId = createServer(hardware(1, 1));
        backend.faults().setFailNextCalls(2);

        assertTransientFailure(() -> backend.start(vpsId), "injected fault");
        assertTransientFailure(() -> backend.inspect(vpsId), "injected fault");
        backend.start(vpsId);

        assertThat(inspect(vpsId).power()).isEqualTo(Power.RUNNING);
    }

    @Test
    void aFailedCallChangesNothing() {
        UUID vpsId = createServer(hardware(1, 1));
        backend.faults().setFailNextCalls(1);

        assertTransientFailure(() -> backend.destroy(vpsId), "injected fault");

        assertThat(backend.inspect(vpsId)).isPresent();
    }

    @Test
    void everyCallFailsWithProbabilityOne() {
        backend.faults().setFailureProbability(1.0);

        for (int call = 0; call < 20; call++) {
            assertTransientFailure(backend::ping, "injected fault");
        }
        assertTransientFailure(() -> backend.create(spec(UUID.randomUUID(), hardware(1, 1))), "injected fault");
        assertTransientFailure(backend::list, "injected fault");
    }

    @Test
    void noCallFailsWithProbabilityZero() {
        backend.faults().setFailureProbability(0.0);

        for (int call = 0; call < 20; call++) {
            backend.ping();
        }
        assertThat(backend.list()).isEmpty();
    }

    @Test
    void aHangingBackendAnswersLateWithATransientFailure() {
        Duration hang = Duration.ofMillis(200);
        backend.faults().setHang(hang);

        long startNanos = System.nanoTime();
        assertTransientFailure(backend::ping, "did not answer within 200 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(hang);
        backend.faults().setHang(Duration.ZERO);
        backend.ping();
    }

    @Test
    void aHangingCallGivesUpWhenInterrupted() throws InterruptedException {
        backend.faults().setHang(Duration.ofMinutes(5));
        AtomicReference<BackendException> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            failure.set(catchThrowableOfType(BackendException.class, backend::ping));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });

        caller.start();
        Thread.sleep(50);
        caller.interrupt();
        caller.join(Duration.ofSeconds(5).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isNotNull().satisfies(e -> assertThat(e.isTransient()).isTrue());
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void callsThatChangeAServerTakeTheLatencyAndOthersDoNot() {
        Duration latency = Duration.ofMillis(300);
        FakeServerBackend slow = backendOn(farm, clock, settings(latency, FaultSettings.none()));
        UUID vpsId = UUID.randomUUID();

        assertThat(timeOf(() -> slow.create(spec(vpsId, hardware(1, 1))))).isGreaterThanOrEqualTo(latency);
        assertThat(timeOf(() -> slow.start(vpsId))).isGreaterThanOrEqualTo(latency);
        assertThat(timeOf(() -> {
            slow.ping();
            slow.inspect(vpsId);
            slow.list();
        })).isLessThan(latency);
    }

    private static ServerSpec otherSpec(FakeServerBackend other, UUID vpsId) {
        Hardware hardware = new Hardware(1, 10, 1, other.technology() == Technology.VIRTUAL_MACHINE);
        return new ServerSpec(vpsId, UUID.randomUUID(), "other-" + vpsId, hardware, Platform.UNSPECIFIED);
    }

    private static Duration timeOf(Runnable call) {
        long startNanos = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void assertPermanentFailure(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BackendException.class,
                e -> assertThat(e.isTransient()).isFalse());
    }

    private static void assertTransientFailure(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e).hasMessageContaining(message);
        });
    }
}
