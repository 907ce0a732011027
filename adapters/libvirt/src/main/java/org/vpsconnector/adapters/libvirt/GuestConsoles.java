package org.vpsconnector.adapters.libvirt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.vpsconnector.application.port.out.BackendException;

/**
 * Watches the guests' serial consoles, which QEMU writes to one file per VPS: a guest has booted
 * once its console shows the ready marker. The adapter must run on the libvirtd host to read them.
 */
final class GuestConsoles {

    private final Path directory;
    private final String readyMarker;

    GuestConsoles(Path directory, String readyMarker) {
        this.directory = directory;
        this.readyMarker = readyMarker;
    }

    Path logOf(UUID vpsId) {
        return directory.resolve(DomainXml.domainName(vpsId) + ".log");
    }

    /** QEMU creates the log file, but not its directory. */
    void prepareDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the console directory " + directory, e);
        }
    }

    /** Whether the console, written since the guest's last start, shows the ready marker. */
    boolean showsReadyMarker(UUID vpsId) {
        // Consoles are bytes, not necessarily UTF-8: Latin-1 reads any byte and keeps the ASCII marker intact.
        try (BufferedReader console = Files.newBufferedReader(logOf(vpsId), StandardCharsets.ISO_8859_1)) {
            for (String line = console.readLine(); line != null; line = console.readLine()) {
                if (line.contains(readyMarker)) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw BackendException.transientFailure("cannot read the console of VPS " + vpsId + " at " + logOf(vpsId), e);
        }
    }

    void delete(UUID vpsId) {
        try {
            Files.deleteIfExists(logOf(vpsId));
        } catch (IOException e) {
            throw BackendException.transientFailure("cannot delete the console log " + logOf(vpsId), e);
        }
    }
}
