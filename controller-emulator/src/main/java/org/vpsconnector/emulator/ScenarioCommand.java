package org.vpsconnector.emulator;

import java.util.List;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Plays one controller through the whole life of a VPS of each technology, checks every answer "
                + "against the APS protocol, prints each step and a pass / fail summary; exits 1 when a step failed.")
final class ScenarioCommand implements Callable<Integer> {
    @Mixin
    ConnectorOptions connector;

    @Option(names = "--technologies", split = ",", defaultValue = "container,vm",
            description = "which VPSes to walk through (default: ${DEFAULT-VALUE})")
    List<String> technologies;

    @Option(names = "--patience", defaultValue = "10m", description = "how long one operation may take (default: ${DEFAULT-VALUE})")
    String patience;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ControllerIdentity controllerCertificate = connector.certificates ? ControllerIdentity.generate("APS controller") : null;
        ControllerIdentity instanceCertificate = connector.certificates ? ControllerIdentity.generate("APS instance") : null;
        ApsBodies bodies = new ApsBodies();
        out.printf("controller emulator: scenario against %s%s%n%n", connector.url,
                connector.certificates ? " in certificate mode" : "");
        try (ApsClient client = new ApsClient(connector, controllerCertificate, 4);
             ApsClient stranger = connector.certificates
                     ? new ApsClient(connector, ControllerIdentity.generate("APS controller"), 1) : null) {
            ControllerSession session = new ControllerSession(client, bodies.instanceId, PollPolicy.advised(),
                    ControllerSession.RequestListener.NONE, Durations.parse(patience));
            ScenarioReport report = new Scenario(client, bodies, session, stranger, out)
                    .play(bodies.cloud(controllerCertificate, instanceCertificate),
                            technologies.stream().map(Technology::of).toList());
            report.printSummary();
            return report.passed() ? 0 : 1;
        }
    }
}
