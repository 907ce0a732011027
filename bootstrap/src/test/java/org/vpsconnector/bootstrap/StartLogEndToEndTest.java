package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads when the service starts: Jersey, on the APS port and the console's API,
 * warns of nothing. The lines are read where the console appender writes them, standard output:
 * Dropwizard sets its logging up afresh at the start, dropping any appender attached before.
 */
class StartLogEndToEndTest {

    @Test
    void jerseyWarnsOfNothingWhileTheServiceStarts() throws Exception {
        String farm = "start-log-" + UUID.randomUUID();
        DropwizardTestSupport<VpsConnectorConfiguration> app = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:h2:mem:" + farm + ";DB_CLOSE_DELAY=-1"),
                ConfigOverride.config("backends.container.farm", farm),
                ConfigOverride.config("backends.hypervisor.farm", farm),
                ConfigOverride.config("logging.level", "INFO"));
        PrintStream standardOutput = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            app.before();
        } finally {
            System.setOut(standardOutput);
            app.after();
        }
        String log = written.toString(StandardCharsets.UTF_8);
        standardOutput.print(log);

        assertThat(log).as("the start's log").contains("Started application@");
        assertThat(log.lines().filter(line -> line.startsWith("WARN") && line.contains("org.glassfish.jersey")))
                .as("Jersey's warnings").isEmpty();
    }
}
