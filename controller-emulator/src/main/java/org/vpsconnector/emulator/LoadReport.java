package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;

/** What a load run measured, as printed and as written to JSON. */
record LoadReport(String url, boolean certificates, int controllers, String journey, double vmShare, String polls,
                  double measuredSeconds, long requests, long errors, List<RequestFigures> requestKinds,
                  List<OperationFigures> operations, ConnectorFigures connector, List<LoadFigures.Interval> timeline) {

    /** One request kind: throughput and latency of its answers. */
    record RequestFigures(String kind, long count, double perSecond, double p50Millis, double p95Millis,
                          double p99Millis, double maxMillis, double meanMillis, long errors) {
        static RequestFigures of(String kind, Histogram histogram, long errors, double seconds) {
            return new RequestFigures(kind, histogram.getTotalCount(), round(histogram.getTotalCount() / seconds),
                    LoadFigures.millis(histogram.getValueAtPercentile(50)), LoadFigures.millis(histogram.getValueAtPercentile(95)),
                    LoadFigures.millis(histogram.getValueAtPercentile(99)), LoadFigures.millis(histogram.getMaxValue()),
                    LoadFigures.millis((long) histogram.getMean()), errors);
        }
    }

    /** One operation kind: how long from its first request to its final answer (ready time), and its polls. */
    record OperationFigures(String operation, long count, double p50Millis, double p95Millis, double p99Millis,
                            double maxMillis, double pollsPerOperation) {
        static OperationFigures of(String operation, Histogram histogram, long polls) {
            long count = histogram.getTotalCount();
            return new OperationFigures(operation, count, LoadFigures.millis(histogram.getValueAtPercentile(50)),
                    LoadFigures.millis(histogram.getValueAtPercentile(95)), LoadFigures.millis(histogram.getValueAtPercentile(99)),
                    LoadFigures.millis(histogram.getMaxValue()), count == 0 ? 0 : round((double) polls / count));
        }
    }

    /** The connector's cost over the measured window, when it runs here; -1 where it was not measured. */
    record ConnectorFigures(long cpuMillis, double cpuMillisPerRequest, double cpuCores, long heapMaxMegabytes,
                            long heapLastMegabytes, long residentMaxMegabytes) {
    }

    void write(Path json) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    void print(PrintWriter out) {
        out.printf("%n%d controllers, journey %s, %.0f%% VMs, polls %s, %.1f s measured: %d requests, %d errors%n%n",
                controllers, journey, vmShare * 100, polls, measuredSeconds, requests, errors);
        out.printf("%-28s %9s %9s %9s %9s %9s %9s %7s%n", "request", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
        for (RequestFigures kind : requestKinds) {
            out.printf("%-28s %9d %9.1f %9.2f %9.2f %9.2f %9.2f %7d%n", kind.kind(), kind.count(), kind.perSecond(),
                    kind.p50Millis(), kind.p95Millis(), kind.p99Millis(), kind.maxMillis(), kind.errors());
        }
        if (!operations.isEmpty()) {
            out.printf("%n%-28s %9s %9s %9s %9s %9s %9s%n", "operation, until its end", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "polls");
            for (OperationFigures operation : operations) {
                out.printf("%-28s %9d %9.1f %9.1f %9.1f %9.1f %9.2f%n", operation.operation(), operation.count(),
                        operation.p50Millis(), operation.p95Millis(), operation.p99Millis(), operation.maxMillis(),
                        operation.pollsPerOperation());
            }
        }
        if (connector.cpuMillis() >= 0) {
            out.printf("%nconnector: %.3f ms CPU per request, %.2f cores busy", connector.cpuMillisPerRequest(), connector.cpuCores());
            out.printf(", resident at most %d MB", connector.residentMaxMegabytes());
        }
        if (connector.heapMaxMegabytes() >= 0) {
            out.printf("%nconnector heap: at most %d MB used, %d MB at the end", connector.heapMaxMegabytes(), connector.heapLastMegabytes());
        }
        out.println();
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
