package org.vpsconnector.emulator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Runs many controllers at once, each ordering VPS after VPS (a mix of containers and VMs) and taking "
                + "each through its journey; prints progress every second, then throughput, latency and errors per "
                + "request kind, ready times, and the connector's CPU and heap; writes JSON and a latency picture.")
final class LoadCommand implements Callable<Integer> {
    @Mixin
    ConnectorOptions connector;

    @Option(names = "--controllers", defaultValue = "64", description = "controllers at once, one request each in flight (default: ${DEFAULT-VALUE})")
    int controllers;

    @Option(names = "--journey", defaultValue = "provision,retrieve*3,configure,stop,start,unprovision",
            description = "what each controller does with each VPS (default: ${DEFAULT-VALUE})")
    String journey;

    @Option(names = "--vm-share", defaultValue = "0.2", description = "the share of VPSes that are VMs, 0 to 1 (default: ${DEFAULT-VALUE})")
    double vmShare;

    @Option(names = "--polls", defaultValue = "advised",
            description = "when to poll after a 202: 'advised' (APS-Retry-Timeout, as a controller does) or a pause such as 0ms (default: ${DEFAULT-VALUE})")
    String polls;

    @Option(names = "--warmup", defaultValue = "5s", description = "load not counted first (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--duration", defaultValue = "30s", description = "the measured window (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--patience", defaultValue = "10m", description = "how long one operation may take (default: ${DEFAULT-VALUE})")
    String patience;

    @Option(names = "--connector-pid", description = "the connector's process on this machine: its CPU time per request")
    Long connectorPid;

    @Option(names = "--admin-url", description = "the connector's admin port, e.g. http://127.0.0.1:8081/: its heap")
    java.net.URI adminUrl;

    @Option(names = "--admin-user", defaultValue = "operator", description = "the admin port's user (default: ${DEFAULT-VALUE})")
    String adminUser;

    @Option(names = "--admin-password-file", description = "a file holding the admin port's password")
    Path adminPasswordFile;

    @Option(names = "--json", defaultValue = "load-report.json", description = "where to write the figures (default: ${DEFAULT-VALUE})")
    Path json;

    @Option(names = "--chart", defaultValue = "load-latency.png", description = "where to draw latency over time (default: ${DEFAULT-VALUE})")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (controllers < 1 || vmShare < 0 || vmShare > 1) {
            throw new IllegalArgumentException("--controllers must be at least 1 and --vm-share between 0 and 1");
        }
        ControllerIdentity controllerCertificate = connector.certificates ? ControllerIdentity.generate("APS controller") : null;
        ControllerIdentity instanceCertificate = connector.certificates ? ControllerIdentity.generate("APS instance") : null;
        String adminPassword = adminPasswordFile == null ? null : java.nio.file.Files.readString(adminPasswordFile).strip();
        var settings = new LoadRun.LoadSettings(connector.url.toString(), controllers, Journey.parse(journey), vmShare,
                PollPolicy.parse(polls), Durations.parse(warmup), Durations.parse(duration), Durations.parse(patience),
                controllerCertificate, instanceCertificate);
        out.printf("controller emulator: load against %s%s, %d controllers, journey %s, %.0f%% VMs, polls %s%n",
                connector.url, connector.certificates ? " in certificate mode" : "", controllers, settings.journey(),
                vmShare * 100, settings.polls());
        try (ApsClient client = new ApsClient(connector, controllerCertificate, controllers)) {
            LoadReport report = new LoadRun(settings, client, new ConnectorProbe(connectorPid, adminUrl, adminUser, adminPassword),
                    out).run();
            report.print(out);
            report.write(json);
            LatencyChart.draw("latency per second, " + controllers + " controllers against " + connector.url,
                    report.timeline(), chart);
            out.printf("%nfigures in %s, latency over time in %s%n", json.toAbsolutePath(), chart.toAbsolutePath());
            out.flush();
            return report.errors() == 0 ? 0 : 1;
        }
    }
}
