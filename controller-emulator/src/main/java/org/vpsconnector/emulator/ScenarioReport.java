package org.vpsconnector.emulator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Prints each step of a scenario as it ends, and the pass / fail summary. */
final class ScenarioReport {
    private final PrintWriter out;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    ScenarioReport(PrintWriter out) {
        this.out = out;
    }

    /** Runs {@code step}, which answers what to show or throws when its check fails; answers whether it passed. */
    boolean step(String name, Supplier<String> step) {
        long started = System.nanoTime();
        try {
            String detail = step.get();
            passed++;
            out.printf("PASS  %-78s %6d ms  %s%n", name, elapsedMillis(started), detail);
            out.flush();
            return true;
        } catch (RuntimeException failure) {
            failures.add(name + ": " + failure.getMessage());
            out.printf("FAIL  %-78s %6d ms  %s%n", name, elapsedMillis(started), failure.getMessage());
            out.flush();
            return false;
        }
    }

    boolean passed() {
        return failures.isEmpty() && passed > 0;
    }

    int passedSteps() {
        return passed;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    void printSummary() {
        out.printf("%n%s: %d step(s) passed, %d failed%n", passed() ? "PASSED" : "FAILED", passed, failures.size());
        failures.forEach(failure -> out.println("  failed: " + failure));
        out.flush();
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
