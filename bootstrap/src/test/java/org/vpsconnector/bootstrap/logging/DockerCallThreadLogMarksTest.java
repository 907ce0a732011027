package org.vpsconnector.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.application.port.out.LogContext;

/**
 * On the real Docker engine: the lines docker-java writes on the adapter's own call threads carry
 * the marks of the attempt that made the call. Only looks up a container that does not exist.
 */
class DockerCallThreadLogMarksTest {

    @Test
    void dockerJavasLinesOnTheAdaptersCallThreadsCarryTheCallersMarks() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger dockerJava = logging.getLogger("com.github.dockerjava");
        Level levelBefore = dockerJava.getLevel();
        // The thread and the marks of an event are read on its thread, not later on the test's.
        ListAppender<ILoggingEvent> lines = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing();
                super.append(event);
            }
        };
        lines.setContext(logging);
        lines.start();
        dockerJava.addAppender(lines);
        dockerJava.setLevel(Level.DEBUG);
        UUID instance = UUID.randomUUID();
        UUID nowhere = UUID.randomUUID();
        try (DockerContainerBackend docker = new DockerContainerBackend(DockerSettings.defaults(), MdcLogContext.INSTANCE);
             LogContext.Scope attempt = MdcLogContext.INSTANCE.open("txn-docker", instance)) {
            assertThat(docker.inspect(nowhere)).isEmpty();
        } finally {
            dockerJava.detachAppender(lines);
            dockerJava.setLevel(levelBefore);
        }

        List<ILoggingEvent> onCallThreads = lines.list.stream()
                .filter(line -> line.getThreadName().startsWith("docker-call-")).toList();
        assertThat(onCallThreads).as("docker-java logs each command it runs; all lines: %s",
                        lines.list.stream().map(line -> line.getThreadName() + ": " + line.getFormattedMessage()).toList())
                .isNotEmpty()
                .anyMatch(line -> line.getFormattedMessage().contains("Cmd: "))
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry(MdcLogContext.TRANSACTION_ID, "txn-docker")
                        .containsEntry(MdcLogContext.INSTANCE_ID, instance.toString()));
    }
}
