package org.vpsconnector.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A customer's way into a VPS in the end-to-end tests: an SSH key pair made with {@code ssh-keygen}
 * and the OpenSSH client logging in as root at the address the VPS reports. Close it to delete the keys.
 */
final class GuestLogin implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path privateKey;
    private final String publicKey;

    private GuestLogin(Path directory, Path privateKey, String publicKey) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh ed25519 key pair without a passphrase. */
    static GuestLogin withNewKey() {
        try {
            Path directory = Files.createTempDirectory("vps-login-");
            Path key = directory.resolve("id_ed25519");
            Result made = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vps-connector-test", "-f", key.toString()));
            if (made.exitCode() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + made);
            }
            return new GuestLogin(directory, key, Files.readString(directory.resolve("id_ed25519.pub")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line to authorise, {@code ssh-ed25519 AAAA… comment}. */
    String publicKey() {
        return publicKey;
    }

    /** Runs {@code command} as root on {@code address} over SSH with this key; never asks for a password. */
    Result ssh(String address, String command) {
        List<String> line = new ArrayList<>(List.of("ssh", "-i", privateKey.toString(),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=5", "root@" + address, command));
        return run(line);
    }

    /**
     * Runs {@code command} as root on {@code address} over SSH with {@code password} and no key, as a
     * customer who set one does. OpenSSH reads it from an askpass program, which prints it from the
     * environment so that it is on no command line.
     */
    Result sshWithPassword(String address, String password, String command) {
        Path askpass = directory.resolve("askpass");
        try {
            Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$VPS_LOGIN_PASSWORD\"\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> line = List.of("ssh", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                "-o", "NumberOfPasswordPrompts=1", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", "root@" + address, command);
        return run(line, Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "VPS_LOGIN_PASSWORD", password));
    }

    @Override
    public void close() {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static Result run(List<String> command) {
        return run(command, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("vps-login-out-", ".txt");
            Path err = Files.createTempFile("vps-login-err-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(out, StandardCharsets.UTF_8), "timed out after " + COMMAND_TIMEOUT);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
