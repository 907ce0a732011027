package org.vpsconnector.emulator;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the connector is and how to reach it: the options both commands share. */
final class ConnectorOptions {
    @Option(names = "--url", required = true, description = "the connector's APS base URL, e.g. http://127.0.0.1:8080/")
    URI url;

    @Option(names = "--certificates", description = "certificate mode: install the instance with a generated controller "
            + "certificate and present it as the client certificate on every request (needs an https URL)")
    boolean certificates;

    @Option(names = "--server-ca", paramLabel = "PEM", description = "trust the connector's server certificate signed by "
            + "(or equal to) this PEM certificate, besides the JVM's authorities")
    Path serverCa;

    @Option(names = "--controller-uri", defaultValue = "https://controller.example.net:6308/",
            description = "the APS-Controller-URI header: where the connector would send its updates (default: ${DEFAULT-VALUE})")
    String controllerUri;
}
