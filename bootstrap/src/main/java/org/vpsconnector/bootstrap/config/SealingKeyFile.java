package org.vpsconnector.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.adapters.persistence.SecretSealing;

/**
 * The sealing key of an installation that configures none: made on first start, kept readable by
 * the service's user only, next to the data it opens.
 */
final class SealingKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeyFile.class);

    private SealingKeyFile() {
    }

    static byte[] readOrCreate(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return checked(Base64.getDecoder().decode(Files.readString(file).strip()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the sealing key " + file.toAbsolutePath(), e);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the sealing key " + file.toAbsolutePath() + " is not Base64 of 32 bytes");
        }
    }

    static byte[] checked(byte[] key, String origin) {
        if (key.length != SecretSealing.KEY_BYTES) {
            throw new IllegalStateException(origin + " must hold " + SecretSealing.KEY_BYTES + " bytes, not " + key.length);
        }
        return key;
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        try {
            // Created with its permissions, so that the key is never readable by others, not even for a moment.
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException anotherReplica) {
            return;
        }
        Files.writeString(absolute, Base64.getEncoder().encodeToString(key) + "\n");
        LOG.warn("Made a new key that seals the instances' private keys: {} (readable by this user only). Keep it"
                + " with the database and back it up: without it the stored instance keys cannot be opened."
                + " Set aps.certificates.secretKey (VPS_SECRET_KEY) to give one instead.", absolute);
    }
}
