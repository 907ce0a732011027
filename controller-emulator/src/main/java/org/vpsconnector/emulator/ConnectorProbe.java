package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * What the connector costs while it is loaded, when it runs on this machine: its process's CPU time (from
 * {@code /proc/<pid>/stat}) and resident memory, and its JVM heap as its admin port's metrics show it.
 */
final class ConnectorProbe {
    /** Clock ticks per second of {@code /proc/<pid>/stat}'s utime and stime: USER_HZ, 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Long pid;
    private final URI metrics;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String heapProblem;

    /** Either may be null: no CPU figures without a pid, no heap figures without an admin URL. */
    ConnectorProbe(Long pid, URI adminUrl, String adminUser, String adminPassword) {
        this.pid = pid;
        this.metrics = adminUrl == null ? null : adminUrl.resolve("/metrics");
        this.authorization = adminPassword == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    boolean measuresCpu() {
        return pid != null;
    }

    boolean measuresHeap() {
        return metrics != null;
    }

    /** The connector's CPU time so far, user and system, in milliseconds; -1 when not measured. */
    long cpuMillis() {
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The connector's resident memory in MB; -1 when not measured. */
    long residentMegabytes() {
        if (pid == null) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", pid.toString(), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** Why the heap could not be read, the last time it could not; null when it always could. */
    String heapProblem() {
        return heapProblem;
    }

    /** The JVM heap in use, in MB, from the admin port's metrics; -1 when not measured or not answered. */
    long heapUsedMegabytes() {
        if (metrics == null) {
            return -1;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                heapProblem = metrics + " answered " + response.statusCode();
                return -1;
            }
            JsonNode used = JSON.readTree(response.body()).path("gauges").path("jvm.memory.heap.used").path("value");
            if (!used.isNumber()) {
                heapProblem = metrics + " shows no gauge jvm.memory.heap.used";
                return -1;
            }
            return used.asLong() / (1024 * 1024);
        } catch (IOException e) {
            heapProblem = metrics + ": " + e;
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
