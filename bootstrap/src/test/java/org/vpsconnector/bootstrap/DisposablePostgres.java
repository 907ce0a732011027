package org.vpsconnector.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 cluster of a test's own, in a temporary directory on a free port, which the
 * test may stop, start again and whose backends it may end: the shared test database serves
 * others at the same time. Runs the server as {@code postgres} when the tests run as root
 * (PostgreSQL refuses to run as root), as the current user otherwise.
 */
final class DisposablePostgres implements AutoCloseable {
    private static final Path BIN = Path.of(System.getenv().getOrDefault("VPS_TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"));
    static final String DATABASE = "vps_connector";
    static final String USER = "vps";

    private final Path directory;
    private final int port;
    private boolean running;

    private DisposablePostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A new cluster with an empty {@link #DATABASE}, running. */
    static DisposablePostgres start() {
        try {
            Path directory = Files.createTempDirectory("vps-connector-postgres-");
            if (runsAsRoot()) {
                UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(directory, postgres);
            }
            DisposablePostgres cluster = new DisposablePostgres(directory, freePort());
            cluster.run(BIN.resolve("initdb").toString(), "-D", cluster.data(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--no-sync");
            cluster.startAgain();
            cluster.sql("postgres", "CREATE DATABASE " + DATABASE);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Starts the stopped server on the same port and data. */
    void startAgain() {
        run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", directory.resolve("server.log").toString(), "-w",
                "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + directory
                        + " -c fsync=off -c max_connections=60",
                "start");
        running = true;
    }

    /** Stops the server the way an operator's restart does: sessions are ended, new connections refused. */
    void stop() {
        run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
        running = false;
    }

    /**
     * Stops every process of the server with SIGSTOP: connections stay open and nothing answers,
     * as when its host hangs or the network drops packets. {@link #thaw} lets it go on.
     */
    void freeze() {
        signal("-STOP");
    }

    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).get(0).trim());
            List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
            ProcessHandle.of(postmaster).orElseThrow().descendants()
                    .forEach(child -> command.add(Long.toString(child.pid())));
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends every session on {@link #DATABASE}, as an administrator or a failover does; returns how many. */
    int terminateBackends() {
        return Integer.parseInt(sql("postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = '" + DATABASE + "' AND pid <> pg_backend_pid()").get(0));
    }

    List<String> sql(String database, String statement) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
             Statement sql = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (sql.execute(statement)) {
                try (ResultSet result = sql.getResultSet()) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("on the test's own PostgreSQL: " + statement, e);
        }
    }

    @Override
    public void close() {
        try {
            if (running) {
                run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void run(String... command) {
        List<String> line = new ArrayList<>();
        if (runsAsRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("commands.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + line);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + line + "\n"
                        + Files.readString(directory.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
