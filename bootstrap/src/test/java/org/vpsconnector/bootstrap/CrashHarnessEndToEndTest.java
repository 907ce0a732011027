package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The service, run as its own process, killed with SIGKILL at random points of every operation and
 * started again on the same database (see {@link CrashHarness}). {@code scripts/crash-harness.sh}
 * runs these with more cycles: {@code -Dcrash.cycles=N}, {@code -Dcrash.config=FILE}, {@code -Dcrash.seed=S}.
 * The two harnesses share nothing (their own process, database and backends) and run side by side.
 */
class CrashHarnessEndToEndTest {
    private static final Path RUNS = Path.of("target", "crash-harness");

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everyAnsweredOperationSurvivesKillsOnTheEmbeddedDefault() throws IOException {
        CrashHarness.Figures figures = run("fake-backends", new CrashHarness.Settings(
                config("vps-connector.yml"), Integer.getInteger("crash.cycles", 20), seed(),
                Map.of("driver.leaseDuration", "3s",
                        "backends.callTimeout", "2s",
                        "driver.sweepInterval", "200ms",
                        "provisioning.syncBudget", "3s",
                        "provisioning.guestCheckInterval", "300ms",
                        "backends.hypervisor.bootTime", "1500ms"),
                Duration.ofMillis(800), Duration.ofMillis(3000), Duration.ofSeconds(60)));

        // Each technology's VPS goes through provision, configure, stop, start and unprovision, one step a cycle.
        for (String technology : List.of("container", "VM")) {
            for (String step : List.of("provision", "configure", "stop", "start", "unprovision").subList(0, Math.min(5, figures.cycles() / 2))) {
                assertThat(figures.killPoints().keySet()).as(figures.report()).anyMatch(point -> point.startsWith(technology + " " + step + ","));
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everyAnsweredOperationSurvivesKillsOnDockerAndLibvirt() throws IOException {
        CrashHarness.Figures figures = run("docker-libvirt", new CrashHarness.Settings(
                config("real-backends.yml"), Integer.getInteger("crash.cycles", 8), seed(),
                // A short lease, so that a restarted service takes its work over soon; every call fits in it.
                Map.of("driver.leaseDuration", "20s",
                        "backends.callTimeout", "15s",
                        "backends.hypervisor.callTimeout", "12s",
                        "backends.container.pullTimeout", "10s",
                        "backends.hypervisor.shutdownTimeout", "5s",
                        "driver.sweepInterval", "200ms",
                        "provisioning.syncBudget", "5s",
                        "provisioning.guestCheckInterval", "300ms"),
                // The busybox image boots in seconds; a Debian guest would take each cycle a minute or two.
                Duration.ofMillis(1500), Duration.ofSeconds(8), Duration.ofMinutes(3), "busybox 1"));

        assertThat(figures.killPoints().keySet()).as(figures.report())
                .anyMatch(point -> point.startsWith("VM provision,")).anyMatch(point -> point.startsWith("container provision,"));
    }

    /** Runs the harness in a working directory of its own, named after its backends: both may run on one configuration at once. */
    private static CrashHarness.Figures run(String backends, CrashHarness.Settings settings) throws IOException {
        String name = settings.config().getFileName().toString().replace(".yml", "");
        Path workingDirectory = RUNS.resolve(backends + "-" + name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        CrashHarness.Figures figures = new CrashHarness(settings, workingDirectory).run();
        String report = figures.report();
        System.out.println(report);
        Files.createDirectories(RUNS);
        Files.writeString(RUNS.resolve("figures-" + name + ".txt"), report);
        assertThat(figures.violations()).as(report).isEmpty();
        assertThat(figures.accepted()).as(report).isGreaterThan(0);
        return figures;
    }

    /** The shipped configuration, unless the caller names another. */
    private static Path config(String shipped) {
        String chosen = System.getProperty("crash.config");
        return (chosen == null || chosen.isBlank() ? Path.of("..", "config", shipped) : Path.of(chosen)).toAbsolutePath();
    }

    private static long seed() {
        return Long.getLong("crash.seed", System.nanoTime());
    }
}
