package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * Kills the service with SIGKILL at random points of provision, configure, stop, start and
 * unprovision, for a container and a virtual machine in turn, and starts it again on the same
 * database and backends. The controller goes on as the protocol says (a sync request that got no
 * answer is sent again, a 202 is polled) until it gets a final answer. Then every answer must still
 * hold (the VPS is what the last final answer said) and the backend must hold exactly one server
 * for each live VPS, in the power state the controller was told, and none for a deleted one.
 */
final class CrashHarness {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String AWAITING_ANSWER = "before the first answer";
    private static final String POLLING = "accepted, polling";
    private static final String ANSWERED = "after the final answer";

    enum Step { PROVISION, CONFIGURE, STOP, START, UNPROVISION }

    /**
     * What one run is told: the configuration, how many kills, timings that suit its backends, and
     * the OS its VMs ask for ({@code name version}; null for the fixture's).
     */
    record Settings(Path config, int cycles, long seed, Map<String, String> overrides,
                    Duration containerKillWindow, Duration vmKillWindow, Duration patience, String vmOs) {
        Settings(Path config, int cycles, long seed, Map<String, String> overrides,
                 Duration containerKillWindow, Duration vmKillWindow, Duration patience) {
            this(config, cycles, seed, overrides, containerKillWindow, vmKillWindow, patience, null);
        }
    }

    /** What a run measured. */
    record Figures(String config, long seed, int cycles, int restarts, int accepted, Map<String, Integer> finalAnswers,
                   Map<String, Integer> killPoints, List<String> violations, Duration elapsed) {
        String report() {
            StringBuilder text = new StringBuilder();
            text.append("crash harness on ").append(config).append(" (seed ").append(seed).append(")\n");
            text.append("  kill -9 cycles:        ").append(cycles).append(", restarts ").append(restarts)
                    .append(", ").append(elapsed.toSeconds()).append(" s\n");
            text.append("  operations accepted:   ").append(accepted).append(" (answered 2xx)\n");
            text.append("  final answers:         ").append(finalAnswers).append('\n');
            text.append("  kill points hit:       ").append(killPoints.size()).append('\n');
            killPoints.forEach((point, count) -> text.append("    ").append(count).append(" x ").append(point).append('\n'));
            text.append("  violations:            ").append(violations.size()).append('\n');
            violations.forEach(violation -> text.append("    ").append(violation).append('\n'));
            return text.toString();
        }
    }

    /** One VPS of one technology going through its life, one step per cycle. */
    private static final class Life {
        final boolean vm;
        UUID id;
        ObjectNode body;
        int next;
        boolean live;
        String state;
        int memory;

        Life(boolean vm) {
            this.vm = vm;
        }

        String technology() {
            return vm ? "VM" : "container";
        }
    }

    private record Request(String method, String path, JsonNode body) {
    }

    private record Outcome(Reply reply, boolean accepted) {
    }

    private final Settings settings;
    private final Path workingDirectory;
    private final Random random;
    private final Set<UUID> made = new LinkedHashSet<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> killPoints = new TreeMap<>();
    private final Map<String, Integer> finalAnswers = new TreeMap<>();
    private final AtomicReference<String> baseUrl = new AtomicReference<>();
    // When the connector last came up: the controller's patience runs while the connector is up.
    private final AtomicReference<Instant> upSince = new AtomicReference<>();
    private final Map<Boolean, ServerInventory> inventories = new LinkedHashMap<>();
    private final Map<String, String> overrides;
    private int accepted;
    private Client client;
    private UUID instanceId;

    CrashHarness(Settings settings, Path workingDirectory) {
        this.settings = settings;
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.random = new Random(settings.seed());
        this.overrides = new LinkedHashMap<>(settings.overrides());
        JsonNode backends = readYaml(settings.config()).path("backends");
        Path stateFile = this.workingDirectory.resolve("data").resolve("fake-servers.properties");
        for (boolean vm : new boolean[] {false, true}) {
            String key = vm ? "hypervisor" : "container";
            if (backends.path(key).path("type").asText().equals("fake")) {
                overrides.put("backends." + key + ".stateFile", stateFile.toString());
                inventories.put(vm, ServerInventory.fakeFarm(stateFile));
            } else {
                inventories.put(vm, ServerInventory.realEngines());
            }
        }
    }

    Figures run() {
        Instant began = Instant.now();
        instanceId = UUID.randomUUID();
        client = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.MINUTES).build();
        ExecutorService controllerThread = Executors.newSingleThreadExecutor();
        ConnectorProcess connector = new ConnectorProcess(workingDirectory, settings.config(), overrides);
        Thread killOnExit = new Thread(connector::kill);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Life[] lives = {new Life(false), new Life(true)};
        try {
            connector.start();
            baseUrl.set(connector.baseUrl());
            upSince.set(Instant.now());
            requireOk(controller().install(), "instance install");
            requireOk(controller().send("POST", "/contexts", ApsController.fixture("context-provision.json"), "sync"), "context provision");
            for (int cycle = 0; cycle < settings.cycles(); cycle++) {
                Life life = lives[cycle % 2];
                Step step = Step.values()[life.next];
                Request request = request(life, step);
                AtomicReference<String> progress = new AtomicReference<>(AWAITING_ANSWER);
                Future<Outcome> following = controllerThread.submit(() -> follow(request, progress));
                Duration window = life.vm ? settings.vmKillWindow() : settings.containerKillWindow();
                ApsController.sleep(Duration.ofMillis((long) (random.nextDouble() * window.toMillis())));
                String point = life.technology() + " " + step.name().toLowerCase(Locale.ROOT) + ", " + progress.get();
                upSince.set(null);
                connector.kill();
                killPoints.merge(point, 1, Integer::sum);
                connector.start();
                baseUrl.set(connector.baseUrl());
                upSince.set(Instant.now());
                Outcome outcome = following.get(settings.patience().toSeconds() + 30, TimeUnit.SECONDS);
                String what = "cycle " + (cycle + 1) + " (" + point + ", VPS " + life.id + ")";
                record(life, step, outcome, what);
                checkAnswersHold(life, what);
                checkServers(life, what);
            }
            // Whatever is still live is removed through the connector, as a controller would.
            for (Life life : lives) {
                if (life.live) {
                    Outcome outcome = follow(request(life, Step.UNPROVISION), new AtomicReference<>());
                    record(life, Step.UNPROVISION, outcome, "the final unprovision of VPS " + life.id);
                }
            }
            for (UUID id : made) {
                for (boolean vm : new boolean[] {false, true}) {
                    List<Boolean> left = inventories.get(vm).servers(id, vm);
                    if (!left.isEmpty()) {
                        violations.add("after every VPS was unprovisioned, VPS " + id + " still has " + left.size()
                                + (vm ? " domain(s)" : " container(s)"));
                    }
                }
            }
        } catch (Exception e) {
            violations.add("the run stopped: " + e + "\n" + connector.tail());
        } finally {
            controllerThread.shutdownNow();
            connector.close();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            client.close();
            for (UUID id : made) {
                inventories.get(true).remove(id, true);
                inventories.get(false).remove(id, false);
            }
        }
        return new Figures(settings.config().getFileName().toString(), settings.seed(), settings.cycles(), connector.runs(),
                accepted, finalAnswers, killPoints, violations, Duration.between(began, Instant.now()));
    }

    private Request request(Life life, Step step) {
        return switch (step) {
            case PROVISION -> {
                life.id = UUID.randomUUID();
                made.add(life.id);
                life.body = ApsController.vps(life.vm ? "vps-vm.json" : "vps-container.json", life.id);
                ((ObjectNode) life.body.get("hardware")).put("memory", 1);
                if (life.vm && settings.vmOs() != null) {
                    String[] os = settings.vmOs().split(" ", 2);
                    ((ObjectNode) life.body.get("platform").get("OS")).put("name", os[0]).put("version", os[1]);
                }
                yield new Request("POST", "/vpses", life.body);
            }
            case CONFIGURE -> {
                ObjectNode configured = life.body.deepCopy();
                ((ObjectNode) configured.get("hardware")).put("memory", life.memory + 1);
                yield new Request("PUT", "/vpses/" + life.id, configured);
            }
            case STOP -> new Request("POST", "/vpses/" + life.id + "/stop", null);
            case START -> new Request("POST", "/vpses/" + life.id + "/start", null);
            case UNPROVISION -> new Request("DELETE", "/vpses/" + life.id, null);
        };
    }

    /**
     * The controller's side of one operation (protocol §5): a sync request that got no answer is
     * sent again, a 202 is polled with the same request in the async phase, until another answer.
     */
    private Outcome follow(Request request, AtomicReference<String> progress) {
        String phase = "sync";
        boolean wasAccepted = false;
        Instant began = Instant.now();
        while (!outOfPatience(began)) {
            Reply reply;
            try {
                reply = controller().send(request.method(), request.path(), request.body(), phase);
            } catch (ProcessingException connectorDown) {
                ApsController.sleep(Duration.ofMillis(200));
                continue;
            }
            if (reply.status() == 202) {
                wasAccepted = true;
                progress.set(POLLING);
                phase = "async";
                ApsController.sleep(Duration.ofMillis(300));
                continue;
            }
            progress.set(ANSWERED);
            return new Outcome(reply, wasAccepted || reply.status() / 100 == 2);
        }
        return new Outcome(null, wasAccepted);
    }

    /** The connector has been up for the whole patience since the operation began or since its last restart. */
    private boolean outOfPatience(Instant began) {
        Instant up = upSince.get();
        return up != null && Instant.now().isAfter((up.isAfter(began) ? up : began).plus(settings.patience()));
    }

    private void record(Life life, Step step, Outcome outcome, String what) {
        if (outcome.accepted()) {
            accepted++;
        }
        if (outcome.reply() == null) {
            finalAnswers.merge("none", 1, Integer::sum);
            violations.add(what + ": no final answer within " + settings.patience());
            return;
        }
        Reply reply = outcome.reply();
        finalAnswers.merge(Integer.toString(reply.status()), 1, Integer::sum);
        life.next = (life.next + 1) % Step.values().length;
        if (reply.status() == 500) {
            // A failed operation is a final answer; the VPS is then what the connector shows.
            Reply shown = get(life);
            life.live = shown.status() == 200 && !shown.apsStatus().equals("aps:error");
            life.state = shown.state();
            life.memory = shown.body().path("hardware").path("memory").asInt();
            if (step == Step.PROVISION || !life.live) {
                life.live = false;
                life.next = 0;
            }
            return;
        }
        boolean expected = switch (step) {
            case PROVISION -> reply.status() == 200 && reply.state().equals("Running");
            case CONFIGURE -> reply.status() == 200 && reply.body().path("hardware").path("memory").asInt() == life.memory + 1;
            case STOP -> reply.status() == 200 && reply.state().equals("Stopped");
            case START -> reply.status() == 200 && reply.state().equals("Running");
            case UNPROVISION -> reply.status() == 204;
        };
        if (!expected) {
            violations.add(what + ": the controller was answered " + reply);
            life.next = 0;
            life.live = false;
            return;
        }
        life.live = step != Step.UNPROVISION;
        if (life.live) {
            life.state = reply.state();
            life.memory = reply.body().path("hardware").path("memory").asInt();
        }
    }

    /** The VPS is what the last final answer said: nothing answered was forgotten by a crash. */
    private void checkAnswersHold(Life life, String what) {
        Reply shown = get(life);
        if (life.live) {
            if (shown.status() != 200 || !shown.state().equals(life.state)
                    || shown.body().path("hardware").path("memory").asInt() != life.memory) {
                violations.add(what + ": answered " + life.state + " with " + life.memory + " GB, now shows " + shown);
            }
        } else if (shown.status() == 200 && !shown.apsStatus().equals("aps:error")) {
            violations.add(what + ": the VPS is gone for the controller but the connector shows " + shown);
        }
    }

    /** Exactly one server for a live VPS, in the power state the controller was told; none otherwise. */
    private void checkServers(Life life, String what) {
        List<Boolean> servers = inventories.get(life.vm).servers(life.id, life.vm);
        if (!life.live) {
            if (!servers.isEmpty()) {
                violations.add(what + ": " + servers.size() + " server(s) left for a VPS that is not live");
            }
            return;
        }
        if (servers.size() != 1) {
            violations.add(what + ": " + servers.size() + " servers for one live VPS");
        } else if (servers.get(0) != life.state.equals("Running")) {
            violations.add(what + ": the server " + (servers.get(0) ? "runs" : "is stopped") + " but the VPS is " + life.state);
        }
    }

    private Reply get(Life life) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return controller().send("GET", "/vpses/" + life.id, null, "sync");
            } catch (ProcessingException connectorDown) {
                if (Instant.now().isAfter(giveUp)) {
                    throw connectorDown;
                }
                ApsController.sleep(Duration.ofMillis(200));
            }
        }
    }

    private ApsController controller() {
        return new ApsController(client, baseUrl.get(), instanceId);
    }

    private static void requireOk(Reply reply, String what) {
        if (reply.status() != 200) {
            throw new IllegalStateException(what + " answered " + reply);
        }
    }

    private static JsonNode readYaml(Path config) {
        try {
            return YAML.readTree(Files.readString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
