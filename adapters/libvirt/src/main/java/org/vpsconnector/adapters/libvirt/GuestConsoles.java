package org.vpsconnector.adapters.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.vpsconnector.application.port.out.BackendException;

/**
 * Watches the guests' serial consoles, which QEMU writes to one file per VPS: a guest has booted
 * once its console shows the ready marker. The adapter must run on the libvirtd host to read them.
 *
 * <p>A guest may write to its console without end. What the connector reads of it is bounded: the
 * marker is looked for in the first {@link #READ_LIMIT} bytes of the file, which libvirt truncates
 * at every start of the guest, through a buffer of {@link #BUFFER_SIZE} bytes. What is kept on disk
 * is bounded by virtlogd, which writes the file for QEMU and rotates it at its {@code max_size},
 * keeping {@code max_backups} older files ({@code vps-<id>.log.0}, ...): scripts/start-libvirt.sh
 * sets both. A guest that writes more than {@code max_size} before the connector first looks has
 * rotated its boot out of the file and is not seen as booted: only that guest's build suffers.
 */
final class GuestConsoles {
    /** The marker comes early in a boot; a guest that has not printed it by then has not booted as expected. */
    static final int READ_LIMIT = 1024 * 1024;
    static final int BUFFER_SIZE = 64 * 1024;

    /** Opens a console file for reading; tests count what is read. */
    interface Opener {
        InputStream open(Path file) throws IOException;
    }

    private final Path directory;
    // Consoles are bytes, not necessarily UTF-8: the marker is looked for as Latin-1 bytes, which any byte matches.
    private final byte[] readyMarker;
    private final Opener opener;

    GuestConsoles(Path directory, String readyMarker) {
        this(directory, readyMarker, Files::newInputStream);
    }

    GuestConsoles(Path directory, String readyMarker, Opener opener) {
        this.directory = directory;
        this.readyMarker = readyMarker.getBytes(StandardCharsets.ISO_8859_1);
        this.opener = opener;
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

    /** Whether the console, written since the guest's last start, shows the ready marker within its first {@link #READ_LIMIT} bytes. */
    boolean showsReadyMarker(UUID vpsId) {
        try (InputStream console = opener.open(logOf(vpsId))) {
            return containsMarker(console);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw BackendException.transientFailure("cannot read the console of VPS " + vpsId + " at " + logOf(vpsId), e);
        }
    }

    /** Reads chunk by chunk, keeping the end of the previous chunk so that a marker split between two is found. */
    private boolean containsMarker(InputStream console) throws IOException {
        int keep = readyMarker.length - 1;
        byte[] buffer = new byte[BUFFER_SIZE + keep];
        int carried = 0;
        long budget = READ_LIMIT;
        while (budget > 0) {
            int read = console.read(buffer, carried, (int) Math.min(BUFFER_SIZE, budget));
            if (read < 0) {
                return false;
            }
            budget -= read;
            int filled = carried + read;
            if (indexOf(buffer, filled) >= 0) {
                return true;
            }
            carried = Math.min(keep, filled);
            System.arraycopy(buffer, filled - carried, buffer, 0, carried);
        }
        return false;
    }

    private int indexOf(byte[] buffer, int length) {
        outer:
        for (int start = 0; start <= length - readyMarker.length; start++) {
            for (int i = 0; i < readyMarker.length; i++) {
                if (buffer[start + i] != readyMarker[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }

    /** Removes the console file and the older ones virtlogd rotated it into. */
    void delete(UUID vpsId) {
        Path log = logOf(vpsId);
        try {
            Files.deleteIfExists(log);
            if (Files.isDirectory(directory)) {
                try (DirectoryStream<Path> rotated = Files.newDirectoryStream(directory, log.getFileName() + ".*")) {
                    for (Path file : rotated) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw BackendException.transientFailure("cannot delete the console log " + log, e);
        }
    }
}
