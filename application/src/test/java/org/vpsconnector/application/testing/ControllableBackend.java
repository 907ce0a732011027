package org.vpsconnector.application.testing;

import org.vpsconnector.application.port.out.Reconfiguration;

import org.vpsconnector.domain.OperatingSystem;

import org.vpsconnector.domain.Login;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * A backend in memory that a test steers: it records every call, fails the next calls of a kind
 * transiently or permanently, runs a hook after a call did its work (to act while the call is
 * "under way"), and lets a virtual machine's guest boot only when the test says so.
 */
public final class ControllableBackend implements ContainerBackend, HypervisorBackend {

    public enum Call { CREATE, START, STOP, RECONFIGURE, DESTROY, INSPECT, MEASURE, LIST, PING }

    public record Invocation(Call call, UUID vpsId) {
    }

    private static final class Server {
        final ServerSpec spec;
        Hardware hardware;
        ServerStatus.Power power = ServerStatus.Power.STOPPED;
        boolean guestReady;
        UsageReading usage = new UsageReading(0, 0, 0, 0, 0, null);

        Server(ServerSpec spec) {
            this.spec = spec;
            this.hardware = spec.hardware();
        }

        ServerStatus status() {
            // An address while running, as a container's or a booted guest's.
            return new ServerStatus(spec.vpsId(), spec.instanceId(), power, guestReady, hardware,
                    power == ServerStatus.Power.RUNNING ? addressOf(spec.vpsId()) : null);
        }
    }

    /** The address a running server of {@code vpsId} has. */
    public static String addressOf(UUID vpsId) {
        return "10.0." + (vpsId.getLeastSignificantBits() & 0xff) + "." + ((vpsId.getMostSignificantBits() & 0x7f) + 2);
    }

    private final Technology technology;
    private final Map<UUID, Server> servers = new LinkedHashMap<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private final Map<Call, Deque<Boolean>> faults = new EnumMap<>(Call.class);
    private final Map<Call, Deque<Consumer<UUID>>> hooks = new EnumMap<>(Call.class);
    private final Map<Call, Hang> hangs = new EnumMap<>(Call.class);
    private boolean guestsBootAtOnce;
    private boolean restartsOnReconfigure;
    private int serversCreated;

    private ControllableBackend(Technology technology, boolean guestsBootAtOnce) {
        this.technology = technology;
        this.guestsBootAtOnce = guestsBootAtOnce;
    }

    /** Containers are usable as soon as they run. */
    public static ControllableBackend containers() {
        return new ControllableBackend(Technology.CONTAINER, true);
    }

    /** A virtual machine's guest boots only when {@link #bootGuest} is called. */
    public static ControllableBackend hypervisor() {
        return new ControllableBackend(Technology.VIRTUAL_MACHINE, false);
    }

    // ---- steering

    /** The next {@code times} calls of {@code call} throw without doing their work. */
    public synchronized ControllableBackend failNext(Call call, int times, boolean transientFailure) {
        Deque<Boolean> queue = faults.computeIfAbsent(call, ignored -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(transientFailure);
        }
        return this;
    }

    /** Runs {@code hook} once, after the next call of {@code call} did its work and before it returns. */
    public synchronized ControllableBackend afterNext(Call call, Consumer<UUID> hook) {
        hooks.computeIfAbsent(call, ignored -> new ArrayDeque<>()).add(hook);
        return this;
    }

    /**
     * Calls that block until the test releases them, ignoring interrupts, like a native call in a
     * daemon that accepted the connection and never answers.
     */
    public static final class Hang {
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger blocked = new AtomicInteger();

        public void release() {
            released.countDown();
        }

        /** Calls blocked in this hang now. */
        public int blocked() {
            return blocked.get();
        }

        void block() {
            blocked.incrementAndGet();
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        released.await();
                        break;
                    } catch (InterruptedException ignored) {
                        interrupted = true;
                    }
                }
            } finally {
                blocked.decrementAndGet();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Every call of {@code call} from now on blocks until the returned hang is released; then calls go through again. */
    public synchronized Hang hang(Call call) {
        Hang hang = new Hang();
        hangs.put(call, hang);
        return hang;
    }

    /** New calls of {@code call} go through again; those blocked in its hang stay blocked until it is released. */
    public synchronized void stopHanging(Call call) {
        hangs.remove(call);
    }

    public synchronized void bootGuest(UUID vpsId) {
        Server server = servers.get(vpsId);
        if (server == null || server.power != ServerStatus.Power.RUNNING) {
            throw new IllegalStateException("no running server " + vpsId + " to boot");
        }
        server.guestReady = true;
    }

    /** What {@link #measure} reads of the VPS's server from now on. */
    public synchronized void setUsage(UUID vpsId, UsageReading usage) {
        existing(vpsId).usage = usage;
    }

    public synchronized void setGuestsBootAtOnce(boolean atOnce) {
        this.guestsBootAtOnce = atOnce;
    }

    /** From now on a reconfigure of a running server's hardware restarts it, as a hypervisor does for a VM. */
    public synchronized void setRestartsOnReconfigure(boolean restarts) {
        this.restartsOnReconfigure = restarts;
    }

    // ---- what a test reads

    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public synchronized long calls(Call call) {
        return invocations.stream().filter(invocation -> invocation.call() == call).count();
    }

    public synchronized long calls(Call call, UUID vpsId) {
        return invocations.stream().filter(invocation -> invocation.call() == call && vpsId.equals(invocation.vpsId())).count();
    }

    /** Servers that exist now. */
    public synchronized List<UUID> serverIds() {
        return List.copyOf(servers.keySet());
    }

    public synchronized Optional<ServerStatus> server(UUID vpsId) {
        return Optional.ofNullable(servers.get(vpsId)).map(Server::status);
    }

    /** Servers ever created (an adopted server does not count again). */
    public synchronized int serversCreated() {
        return serversCreated;
    }

    // ---- the port

    @Override
    public Technology technology() {
        return technology;
    }

    @Override
    public void create(ServerSpec spec) {
        pauseIfHung(Call.CREATE);
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.CREATE, spec.vpsId());
            if (spec.hardware().technology() != technology) {
                throw BackendException.permanentFailure("a " + spec.hardware().technology() + " on the " + technology + " backend", null);
            }
            if (!servers.containsKey(spec.vpsId())) {
                servers.put(spec.vpsId(), new Server(spec));
                serversCreated++;
            }
            hook = nextHook(Call.CREATE);
        }
        run(hook, spec.vpsId());
    }

    @Override
    public void start(UUID vpsId) {
        pauseIfHung(Call.START);
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.START, vpsId);
            Server server = existing(vpsId);
            if (server.power != ServerStatus.Power.RUNNING) {
                server.power = ServerStatus.Power.RUNNING;
                server.guestReady = guestsBootAtOnce;
            }
            hook = nextHook(Call.START);
        }
        run(hook, vpsId);
    }

    @Override
    public void stop(UUID vpsId) {
        pauseIfHung(Call.STOP);
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.STOP, vpsId);
            Server server = existing(vpsId);
            server.power = ServerStatus.Power.STOPPED;
            server.guestReady = false;
            hook = nextHook(Call.STOP);
        }
        run(hook, vpsId);
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return List.of(new OperatingSystem("Ubuntu", "22.04"), new OperatingSystem("debian", "12"));
    }

    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        pauseIfHung(Call.RECONFIGURE);
        Consumer<UUID> hook;
        Reconfiguration outcome;
        synchronized (this) {
            enter(Call.RECONFIGURE, vpsId);
            Server server = existing(vpsId);
            outcome = server.hardware.equals(hardware) ? Reconfiguration.UNCHANGED : Reconfiguration.APPLIED;
            if (outcome == Reconfiguration.APPLIED && restartsOnReconfigure && server.power == ServerStatus.Power.RUNNING) {
                outcome = Reconfiguration.RESTARTED;
                server.guestReady = guestsBootAtOnce;
            }
            server.hardware = hardware;
            hook = nextHook(Call.RECONFIGURE);
        }
        run(hook, vpsId);
        return outcome;
    }

    @Override
    public void destroy(UUID vpsId) {
        pauseIfHung(Call.DESTROY);
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.DESTROY, vpsId);
            servers.remove(vpsId);
            hook = nextHook(Call.DESTROY);
        }
        run(hook, vpsId);
    }

    @Override
    public Optional<ServerStatus> inspect(UUID vpsId) {
        pauseIfHung(Call.INSPECT);
        Optional<ServerStatus> status;
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.INSPECT, vpsId);
            status = server(vpsId);
            hook = nextHook(Call.INSPECT);
        }
        run(hook, vpsId);
        return status;
    }

    @Override
    public Optional<UsageReading> measure(UUID vpsId) {
        pauseIfHung(Call.MEASURE);
        synchronized (this) {
            enter(Call.MEASURE, vpsId);
            return Optional.ofNullable(servers.get(vpsId)).map(server -> server.usage);
        }
    }

    @Override
    public List<ServerStatus> list() {
        pauseIfHung(Call.LIST);
        List<ServerStatus> listed;
        Consumer<UUID> hook;
        synchronized (this) {
            enter(Call.LIST, null);
            listed = servers.values().stream().map(Server::status).toList();
            hook = nextHook(Call.LIST);
        }
        run(hook, null);
        return listed;
    }

    @Override
    public void ping() {
        pauseIfHung(Call.PING);
        synchronized (this) {
            enter(Call.PING, null);
        }
    }

    private void pauseIfHung(Call call) {
        Hang hang;
        synchronized (this) {
            hang = hangs.get(call);
        }
        if (hang != null) {
            hang.block();
        }
    }

    private void enter(Call call, UUID vpsId) {
        invocations.add(new Invocation(call, vpsId));
        Deque<Boolean> queue = faults.get(call);
        Boolean transientFailure = queue == null ? null : queue.poll();
        if (transientFailure != null) {
            throw transientFailure
                    ? BackendException.transientFailure(call + " failed: the daemon is not answering", null)
                    : BackendException.permanentFailure(call + " refused: no such image", null);
        }
    }

    private Server existing(UUID vpsId) {
        Server server = servers.get(vpsId);
        if (server == null) {
            throw BackendException.permanentFailure("no server for VPS " + vpsId, null);
        }
        return server;
    }

    private Consumer<UUID> nextHook(Call call) {
        Deque<Consumer<UUID>> queue = hooks.get(call);
        return queue == null ? null : queue.poll();
    }

    private static void run(Consumer<UUID> hook, UUID vpsId) {
        if (hook != null) {
            hook.accept(vpsId);
        }
    }
}
