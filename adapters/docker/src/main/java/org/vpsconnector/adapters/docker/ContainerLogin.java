package org.vpsconnector.adapters.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vpsconnector.domain.Login;

/**
 * How a VPS's login reaches its container: as files copied into the container's filesystem, never
 * as environment or arguments, which {@code docker inspect} would show to anyone with access to
 * the engine. The image's {@code vps-login} applies them (root's authorised keys, root's password
 * hash) at every start, and the connector runs it in a running container after a copy.
 * A digest of the last login copied in stays in the container, so an unchanged login is seen as such.
 */
final class ContainerLogin {
    static final String APPLY_COMMAND = "/usr/local/sbin/vps-login";
    static final String DIGEST_FILE = "/var/lib/vps-connector/login.sha256";
    private static final String DIRECTORY = "var/lib/vps-connector/";
    private static final String PENDING = DIRECTORY + "login/";
    /** crypt(3) for "no password": nothing hashes to it. */
    private static final String NO_PASSWORD = "*";
    private static final int PRIVATE_DIRECTORY = 040700;
    private static final int PRIVATE_FILE = 0100600;

    private ContainerLogin() {
    }

    /** The files {@code vps-login} applies, as a tar archive to extract at the container's root. */
    static byte[] pendingFiles(Login login) {
        String keys = login.sshKeys().isEmpty() ? "" : String.join("\n", login.sshKeys()) + "\n";
        String hash = login.hasPassword() ? login.passwordHash().reveal() : NO_PASSWORD;
        return tar(new Entry(DIRECTORY, null), new Entry(PENDING, null),
                new Entry(PENDING + "authorized_keys", keys),
                new Entry(PENDING + "root-password-hash", hash + "\n"));
    }

    /** The digest of {@code login} as the file to extract at the container's root. */
    static byte[] digestFile(Login login) {
        return tar(new Entry(DIRECTORY, null), new Entry(DIGEST_FILE.substring(1), digest(login) + "\n"));
    }

    /** Whether the digest a container holds (empty: none, the container was made without a login) is that of {@code login}. */
    static boolean holds(Optional<String> storedDigest, Login login) {
        return storedDigest.orElse(digest(Login.NONE)).equals(digest(login));
    }

    /** The digest in the archive Docker returns for {@link #DIGEST_FILE}. */
    static Optional<String> readDigest(InputStream archive) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    return Optional.of(new String(tar.readAllBytes(), StandardCharsets.US_ASCII).strip());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable archive of " + DIGEST_FILE, e);
        }
    }

    static String digest(Login login) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String key : login.sshKeys()) {
                sha256.update(("key " + key + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (login.hasPassword()) {
                sha256.update(("password " + login.passwordHash().reveal() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A directory when {@code text} is null. */
    private record Entry(String path, String text) {
    }

    private static byte[] tar(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                TarArchiveEntry header = new TarArchiveEntry(entry.path());
                if (entry.text() == null) {
                    header.setMode(PRIVATE_DIRECTORY);
                    tar.putArchiveEntry(header);
                } else {
                    byte[] content = entry.text().getBytes(StandardCharsets.UTF_8);
                    header.setMode(PRIVATE_FILE);
                    header.setSize(content.length);
                    tar.putArchiveEntry(header);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a tar archive in memory", e);
        }
        return bytes.toByteArray();
    }
}
