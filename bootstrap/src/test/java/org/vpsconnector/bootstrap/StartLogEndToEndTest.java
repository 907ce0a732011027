package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
        System.setOut(new PrintStream(new BothStreams(standardOutput, written), true, StandardCharsets.UTF_8));
        try {
            app.before();
        } finally {
            System.setOut(standardOutput);
            app.after();
        }
        String log = written.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the start's log").contains("Started application@");
        assertThat(log.lines().filter(line -> line.startsWith("WARN") && line.contains("org.glassfish.jersey")))
                .as("Jersey's warnings").isEmpty();
    }

    /** Writes to both streams: the run's own output stays as it was. */
    private static final class BothStreams extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        BothStreams(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
