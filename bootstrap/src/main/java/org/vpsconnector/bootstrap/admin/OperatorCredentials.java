package org.vpsconnector.bootstrap.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.bootstrap.config.AdminConfiguration;

/**
 * The operator's user and password for the admin port. A password that is not configured is made
 * on the first start and kept, readable by the service's user only, in {@value #PASSWORD_FILE}
 * under the data directory; later starts read it from there. The password itself is never logged.
 */
public final class OperatorCredentials {
    public static final String PASSWORD_FILE = "admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorCredentials.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int GENERATED_PASSWORD_BYTES = 24;

    private final byte[] userDigest;
    private final byte[] passwordDigest;

    private OperatorCredentials(String user, String password) {
        this.userDigest = sha256(user);
        this.passwordDigest = sha256(password);
    }

    public static OperatorCredentials of(AdminConfiguration configuration, Path dataDirectory) {
        String password = configuration.password();
        if (password == null) {
            password = storedOrGeneratedPassword(configuration.user(), dataDirectory.resolve(PASSWORD_FILE));
        }
        return new OperatorCredentials(configuration.user(), password);
    }

    /**
     * Whether the given user and password are the operator's. Takes the same time wherever they
     * differ: both are compared as digests of equal length, with {@link MessageDigest#isEqual}.
     */
    public boolean match(String user, String password) {
        boolean userMatches = MessageDigest.isEqual(userDigest, sha256(user));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password));
        return userMatches & passwordMatches;
    }

    private static String storedOrGeneratedPassword(String user, Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    generate(file);
                    LOG.warn("No admin password is configured (admin.password, VPS_ADMIN_PASSWORD): made one for admin user"
                            + " '{}' and stored it in {}, readable by this user only", user, file.toAbsolutePath());
                } catch (FileAlreadyExistsException anotherProcessWasFaster) {
                    LOG.info("Admin user '{}': password from {}", user, file.toAbsolutePath());
                }
            } else {
                keepOwnerOnly(file);
                LOG.info("Admin user '{}': password from {}", user, file.toAbsolutePath());
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the admin password file " + file.toAbsolutePath()
                        + " is empty; delete it to have a new password made, or configure admin.password");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin password in " + file.toAbsolutePath(), e);
        }
    }

    /** Written to a private temporary file first, so the password file is complete and 0600 from the moment it exists. */
    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), PASSWORD_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void keepOwnerOnly(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warn("The admin password file {} was readable by others: made it readable by this user only",
                    file.toAbsolutePath());
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
