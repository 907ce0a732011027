package org.vpsconnector.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service run as an operator runs it, in a JVM of its own: {@code VpsConnectorApplication
 * server <config>} from this build's classes, both connectors on a random port. It can be killed
 * with SIGKILL ({@link Process#destroyForcibly()}) and started again in the same working directory,
 * so it finds its H2 file and its fake farm where the first run left them.
 */
final class ConnectorProcess implements AutoCloseable {
    // Jetty's line for each connector once it listens: "Started application@1a2b3c{HTTP/1.1, (http/1.1)}{127.0.0.1:41234}"
    private static final Pattern STARTED = Pattern.compile("Started (application|admin)@\\S*?\\{.*?}\\{[^}]*:(\\d+)}");
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final Path workingDirectory;
    private final Path config;
    private final Map<String, String> overrides;
    private Process process;
    private Path log;
    private int runs;
    private int applicationPort;
    private int adminPort;

    ConnectorProcess(Path workingDirectory, Path config, Map<String, String> overrides) {
        this.workingDirectory = workingDirectory;
        this.config = config.toAbsolutePath();
        this.overrides = overrides;
    }

    /** Starts the service and waits until both connectors listen. */
    void start() {
        runs++;
        log = workingDirectory.resolve("connector-" + runs + ".log");
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-cp", testClassPath()));
        command.add("-Ddw.server.applicationConnectors[0].port=0");
        command.add("-Ddw.server.adminConnectors[0].port=0");
        overrides.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
        command.addAll(List.of(VpsConnectorApplication.class.getName(), "server", config.toString()));
        try {
            Files.createDirectories(workingDirectory);
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applicationPort = 0;
        adminPort = 0;
        Instant giveUp = Instant.now().plus(START_PATIENCE);
        while (applicationPort == 0 || adminPort == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the connector did not start:\n" + tail());
            }
            if (Instant.now().isAfter(giveUp)) {
                kill();
                throw new IllegalStateException("the connector did not listen within " + START_PATIENCE + ":\n" + tail());
            }
            ApsController.sleep(Duration.ofMillis(100));
            Matcher started = STARTED.matcher(readLog());
            while (started.find()) {
                int port = Integer.parseInt(started.group(2));
                if (started.group(1).equals("application")) {
                    applicationPort = port;
                } else {
                    adminPort = port;
                }
            }
        }
    }

    /** SIGKILL: no shutdown hook, no lifecycle stop, nothing flushed that was not already written. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the connector did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + applicationPort;
    }

    int adminPort() {
        return adminPort;
    }

    int runs() {
        return runs;
    }

    /** The end of the current run's log, for a failure message. */
    String tail() {
        String text = readLog();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    @Override
    public void close() {
        kill();
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The classes this test runs on: the application's and every dependency's. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
