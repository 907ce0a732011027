package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

/**
 * Provision and unprovision times per technology, through the connector (the controller's view:
 * first request to final 200 / 204) next to the raw backend calls (the same adapters, called
 * directly), in one run on config/real-backends.yml. Run it with {@code scripts/benchmark-backends.sh [rounds]}.
 *
 * <p>A VM's boot varies by far more than a second from one boot to the next, so the VM provision
 * through the connector is also timed against its own boot: the controller polls as APS-Retry-Timeout
 * advises, while the raw adapter checks the same guest every {@link #POLL}; the figure is how long
 * after the guest was ready the controller saw it {@code Running}.
 */
public final class ProvisionBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final Map<String, List<Duration>> samples = new LinkedHashMap<>();
    private final PrintStream results = System.out;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        new ProvisionBenchmark().run(rounds);
    }

    private void run(int rounds) throws Exception {
        // The service's console logs (its request log among them) go to stderr, the figures to stdout.
        System.setOut(System.err);
        DropwizardTestSupport<VpsConnectorConfiguration> app = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                Path.of("config", "real-backends.yml").toAbsolutePath().toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("database.url", "jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1"),
                ConfigOverride.config("logging.level", "WARN"));
        app.before();
        Client client = ClientBuilder.newClient();
        try {
            ApsController controller = new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), UUID.randomUUID());
            expect(controller.install(), 200);
            VpsConnectorConfiguration configuration = app.getConfiguration();
            ServerBackend containers = configuration.getBackends().getContainer().build(app.getEnvironment(), Clock.systemUTC(), "benchmark");
            ServerBackend hypervisor = configuration.getBackends().getHypervisor().build(app.getEnvironment(), Clock.systemUTC(), "benchmark");
            // Round 0 warms the JIT and the engines' caches up; it is not counted.
            for (int round = 0; round <= rounds; round++) {
                if (round == 1) {
                    samples.clear();
                }
                System.err.printf("round %d of %d%n", round, rounds);
                // Every other round the raw calls go first, so that neither path always finds the caches warm.
                List<Runnable> paths = new ArrayList<>(List.of(
                        () -> throughConnector(controller, "container", "vps-container.json"),
                        () -> raw(containers, "container", new Hardware(1, 10, 1, false)),
                        () -> throughConnector(controller, "vm", "vps-vm.json"),
                        () -> raw(hypervisor, "vm", new Hardware(2, 20, 2, true))));
                if (round % 2 == 1) {
                    Collections.swap(paths, 0, 1);
                    Collections.swap(paths, 2, 3);
                }
                paths.forEach(Runnable::run);
                vmSeenAfterItsGuestWasReady(controller, hypervisor);
            }
        } finally {
            client.close();
            app.after();
        }
        print(rounds);
    }

    private void throughConnector(ApsController controller, String technology, String fixture) {
        UUID id = UUID.randomUUID();
        var body = ApsController.vps(fixture, id);
        time(technology + " provision", "connector", () -> expect(poll(controller, "POST", "/vpses", body), 200));
        time(technology + " unprovision", "connector", () -> expect(poll(controller, "DELETE", "/vpses/" + id, null), 204));
    }

    /** A VM provisioned through the connector, polled as advised, with the raw adapter watching its guest. */
    private void vmSeenAfterItsGuestWasReady(ApsController controller, ServerBackend hypervisor) throws Exception {
        UUID id = UUID.randomUUID();
        var body = ApsController.vps("vps-vm.json", id);
        ExecutorService watching = Executors.newSingleThreadExecutor();
        try {
            Future<Long> guestReady = watching.submit(() -> awaitGuestReady(hypervisor, id));
            expect(poll(controller, "POST", "/vpses", body,
                    reply -> Duration.ofSeconds(Long.parseLong(reply.header("APS-Retry-Timeout")))), 200);
            long seen = System.nanoTime();
            record("vm ready seen|after its guest", Duration.ofNanos(seen - guestReady.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)));
        } finally {
            watching.shutdownNow();
        }
        expect(poll(controller, "DELETE", "/vpses/" + id, null), 204);
    }

    private void raw(ServerBackend backend, String technology, Hardware hardware) {
        UUID id = UUID.randomUUID();
        time(technology + " provision", "backend", () -> {
            backend.create(new ServerSpec(id, UUID.randomUUID(), "benchmark", hardware, new Platform("x86_64", "debian", "12")));
            backend.start(id);
            return awaitGuestReady(backend, id);
        });
        time(technology + " unprovision", "backend", () -> {
            backend.destroy(id);
            return null;
        });
    }

    /** The controller's side: the first request, then polls every {@link #POLL} until an answer other than 202. */
    private static Reply poll(ApsController controller, String method, String path, JsonNode body) {
        return poll(controller, method, path, body, reply -> POLL);
    }

    /** As {@link #poll(ApsController, String, String, JsonNode)}, waiting what {@code untilNextPoll} says after each 202. */
    private static Reply poll(ApsController controller, String method, String path, JsonNode body,
                              Function<Reply, Duration> untilNextPoll) {
        Reply reply = controller.send(method, path, body, "sync");
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (reply.status() == 202 && System.nanoTime() < giveUp) {
            ApsController.sleep(untilNextPoll.apply(reply));
            reply = controller.send(method, path, body, "async");
        }
        return reply;
    }

    /** Looks at the server every {@link #POLL} until its guest is ready; answers when that was seen ({@link System#nanoTime()}). */
    private static long awaitGuestReady(ServerBackend backend, UUID id) {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!backend.inspect(id).map(ServerStatus::guestReady).orElse(false)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the guest of VPS " + id + " not ready within " + PATIENCE);
            }
            ApsController.sleep(POLL);
        }
        return System.nanoTime();
    }

    private static Reply expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply);
        }
        return reply;
    }

    private void time(String operation, String path, Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        record(operation + "|" + path, Duration.ofNanos(System.nanoTime() - start));
    }

    private void record(String operationAndPath, Duration took) {
        samples.computeIfAbsent(operationAndPath, key -> new ArrayList<>()).add(took);
    }

    private void print(int rounds) {
        results.printf("%nProvision times, %d rounds after a warm-up round, config/real-backends.yml (Docker; libvirt type qemu), polls every %d ms"
                + " (vm ready seen: polls as APS-Retry-Timeout advises)%n", rounds, POLL.toMillis());
        results.printf("%-24s %-10s %10s %10s %10s%n", "operation", "path", "median ms", "min ms", "max ms");
        samples.forEach((key, durations) -> {
            String[] parts = key.split("\\|");
            List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
            results.printf("%-24s %-10s %10d %10d %10d%n", parts[0], parts[1],
                    millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1));
        });
    }
}
