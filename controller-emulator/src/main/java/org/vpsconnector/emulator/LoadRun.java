package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vpsconnector.emulator.ApsClient.ApsCallException;
import org.vpsconnector.emulator.Journey.Step;
import org.vpsconnector.emulator.LoadFigures.Interval;

/**
 * Many controllers at once, each with its own instance and context, each taking VPS after VPS through its
 * {@link Journey} until the measured window ends; then each ends the journey it is in (not counted).
 */
final class LoadRun {
    private final LoadSettings settings;
    private final ApsClient client;
    private final ConnectorProbe probe;
    private final PrintWriter out;
    private final LoadFigures figures = new LoadFigures();
    private final AtomicLong vpses = new AtomicLong();
    private volatile boolean ending;
    private volatile boolean stopPolling;

    LoadRun(LoadSettings settings, ApsClient client, ConnectorProbe probe, PrintWriter out) {
        this.settings = settings;
        this.client = client;
        this.probe = probe;
        this.out = out;
    }

    LoadReport run() throws InterruptedException {
        CountDownLatch installed = new CountDownLatch(settings.controllers());
        List<Thread> controllers = new ArrayList<>();
        List<String> setupFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < settings.controllers(); i++) {
            Thread controller = new Thread(() -> control(installed, setupFailures), "controller-" + i);
            controllers.add(controller);
            controller.start();
        }
        installed.await();
        if (!setupFailures.isEmpty()) {
            ending = true;
            throw new IllegalStateException("a controller could not install its instance: " + setupFailures.get(0));
        }
        List<Interval> timeline = new ArrayList<>();
        long start = System.nanoTime();
        long warmupEnds = start + settings.warmup().toNanos();
        long measureEnds = warmupEnds + settings.duration().toNanos();
        long cpuAtStart = -1;
        long measureStarted = start;
        long heapMax = -1;
        long heapLast = -1;
        long residentMax = -1;
        boolean warm = settings.warmup().isZero();
        if (warm) {
            cpuAtStart = probe.cpuMillis();
        }
        long nextTick = start + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < measureEnds) {
            long now = System.nanoTime();
            if (!warm && now >= warmupEnds) {
                figures.closeInterval(0);
                figures.reset();
                cpuAtStart = probe.cpuMillis();
                measureStarted = now;
                warm = true;
                out.println("warm-up over: measuring");
            }
            long sleep = Math.min(nextTick, warm ? measureEnds : warmupEnds) - now;
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            if (System.nanoTime() >= nextTick) {
                nextTick += TimeUnit.SECONDS.toNanos(1);
                double second = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
                List<Interval> intervals = figures.closeInterval(second);
                timeline.addAll(intervals);
                long heap = probe.heapUsedMegabytes();
                heapMax = Math.max(heapMax, heap);
                heapLast = heap >= 0 ? heap : heapLast;
                residentMax = Math.max(residentMax, probe.residentMegabytes());
                out.println(progress(second, intervals, heap, warm));
                out.flush();
            }
        }
        long cpuAtEnd = probe.cpuMillis();
        double measured = (System.nanoTime() - measureStarted) / 1e9;
        figures.stopCounting();
        timeline.addAll(figures.closeInterval(Math.round((System.nanoTime() - start) / 1e8) / 10.0));
        ending = true;
        out.println("window over: the controllers end the journeys they are in");
        if (probe.heapProblem() != null) {
            out.println("the connector's heap was not always measured: " + probe.heapProblem());
        }
        long giveUpAt = System.nanoTime() + settings.patience().toNanos();
        for (Thread controller : controllers) {
            controller.join(Math.max(1, (giveUpAt - System.nanoTime()) / 1_000_000));
            if (System.nanoTime() >= giveUpAt - settings.patience().toNanos() / 2) {
                // Half the patience is spent finishing journeys: operations still polled are left as they are.
                stopPolling = true;
            }
        }
        return report(measured, cpuAtStart, cpuAtEnd, heapMax, heapLast, residentMax, timeline);
    }

    private void control(CountDownLatch installed, List<String> setupFailures) {
        ApsBodies bodies = new ApsBodies();
        // Past the window nobody waits for work that does not end soon: polls stop with the run.
        ControllerSession controller = new ControllerSession(client, bodies.instanceId, settings.polls(), figures,
                settings.patience(), () -> ending && stopPolling);
        try {
            require(controller.once("install", "POST", "/clouds", bodies.cloud(settings.controllerCertificate(),
                    settings.instanceCertificate())), "install");
            require(controller.once("provision context", "POST", "/contexts", bodies.context()), "context");
        } catch (RuntimeException failure) {
            setupFailures.add(failure.getMessage());
            return;
        } finally {
            installed.countDown();
        }
        while (!ending) {
            journey(controller, bodies);
        }
    }

    private void journey(ControllerSession controller, ApsBodies bodies) {
        UUID id = UUID.randomUUID();
        // Exactly the asked share, spread evenly: the n-th VPS is a VM when it raises the count of VMs due.
        long ordered = vpses.incrementAndGet();
        boolean vm = Math.floor(ordered * settings.vmShare()) > Math.floor((ordered - 1) * settings.vmShare());
        String technology = vm ? "vm" : "container";
        ObjectNode vps = bodies.vps(id, vm, 1, 1);
        String path = "/vpses/" + id;
        int memory = 1;
        for (Step step : settings.journey().steps()) {
            if (ending && step == Step.RETRIEVE) {
                // After the window only what changes the VPS is finished; reads would only keep the run going.
                continue;
            }
            String kind = step.label() + " " + technology;
            try {
                ApsReply last = switch (step) {
                    case PROVISION -> controller.operate(kind, "POST", "/vpses", vps).last();
                    case RETRIEVE -> controller.once(kind, "GET", path, null);
                    case CONFIGURE -> controller.operate(kind, "PUT", path, ApsBodies.configured(vps, memory = 3 - memory, 1)).last();
                    case STOP -> controller.operate(kind, "GET", path + "/stop", null).last();
                    case START -> controller.operate(kind, "GET", path + "/start", null).last();
                    case UNPROVISION -> controller.operate(kind, "DELETE", path, null).last();
                };
                if (last.status() >= 400 || last.status() == 202) {
                    return;
                }
            } catch (ApsCallException | IllegalStateException failure) {
                figures.failed(kind);
                return;
            }
        }
    }

    private static void require(ApsReply reply, String what) {
        if (reply.status() != 200 && reply.status() != 201) {
            throw new IllegalStateException(what + ": " + reply.summary());
        }
    }

    private String progress(double second, List<Interval> intervals, long heap, boolean warm) {
        StringBuilder line = new StringBuilder(String.format("[%6.1fs]%s %6d VPSes", second, warm ? "" : " warm-up", vpses.get()));
        for (Interval interval : intervals) {
            if (interval.count() > 0) {
                line.append(String.format(" | %s %d/s p99 %.1f ms", interval.kind(), interval.count(), interval.p99Millis()));
            }
        }
        if (heap >= 0) {
            line.append(" | heap ").append(heap).append(" MB");
        }
        return line.toString();
    }

    private LoadReport report(double seconds, long cpuAtStart, long cpuAtEnd, long heapMax, long heapLast, long residentMax,
                              List<Interval> timeline) {
        List<LoadReport.RequestFigures> kinds = new ArrayList<>();
        long requests = 0;
        long errors = 0;
        for (LoadFigures.Kind kind : figures.requests().values()) {
            LoadReport.RequestFigures figure = LoadReport.RequestFigures.of(kind.name, kind.total(), kind.errors(), seconds);
            if (figure.count() == 0 && figure.errors() == 0) {
                continue;
            }
            kinds.add(figure);
            requests += figure.count();
            errors += figure.errors();
        }
        List<LoadReport.OperationFigures> operations = new ArrayList<>();
        figures.operations().forEach((name, kind) -> {
            LoadReport.OperationFigures figure = LoadReport.OperationFigures.of(name, kind.total(), figures.polls(name));
            if (figure.count() > 0) {
                operations.add(figure);
            }
        });
        long cpu = cpuAtStart >= 0 && cpuAtEnd >= 0 ? cpuAtEnd - cpuAtStart : -1;
        LoadReport.ConnectorFigures connector = new LoadReport.ConnectorFigures(cpu,
                cpu < 0 || requests == 0 ? -1 : Math.round(cpu * 1000.0 / requests) / 1000.0,
                cpu < 0 ? -1 : Math.round(cpu / seconds / 10.0) / 100.0, heapMax, heapLast, residentMax);
        return new LoadReport(settings.url(), settings.controllerCertificate() != null, settings.controllers(),
                settings.journey().toString(), settings.vmShare(), settings.polls().toString(),
                LoadReport.round(seconds), requests, errors, kinds, operations, connector, timeline);
    }

    /** What a load run is asked to do. */
    record LoadSettings(String url, int controllers, Journey journey, double vmShare, PollPolicy polls, Duration warmup,
                        Duration duration, Duration patience, ControllerIdentity controllerCertificate,
                        ControllerIdentity instanceCertificate) {
    }
}
