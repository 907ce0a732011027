package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console files of guests that write without end: what the connector reads of them is bounded. */
class GuestConsolesTest {
    private static final String MARKER = LibvirtSettings.DEFAULT_READY_MARKER;
    private static final long HUGE = 400L * 1024 * 1024;

    @TempDir
    Path directory;

    private final AtomicLong bytesRead = new AtomicLong();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void aMarkerAtTheEndOfAHugeConsoleIsNotLookedForAndOnlyTheFirstMegabyteIsRead() throws IOException {
        Path console = hugeConsole();
        write(console, HUGE - 100, "\n" + MARKER + "\n");

        assertThat(consoles().showsReadyMarker(vpsId)).isFalse();
        assertThat(bytesRead.get()).isEqualTo(GuestConsoles.READ_LIMIT);
    }

    @Test
    void aMarkerEarlyInAHugeConsoleIsFoundWithinTheFirstChunk() throws IOException {
        Path console = hugeConsole();
        write(console, 3000, "[    1.234] Run /init as init process\n" + MARKER + "\n");

        assertThat(consoles().showsReadyMarker(vpsId)).isTrue();
        assertThat(bytesRead.get()).isLessThanOrEqualTo(GuestConsoles.BUFFER_SIZE);
    }

    @Test
    void aMarkerSplitBetweenTwoChunksIsFound() throws IOException {
        Path console = hugeConsole();
        write(console, GuestConsoles.BUFFER_SIZE - 7, MARKER);

        assertThat(consoles().showsReadyMarker(vpsId)).isTrue();
        assertThat(bytesRead.get()).isEqualTo(2L * GuestConsoles.BUFFER_SIZE);
    }

    @Test
    void theMarkerCountsUpToTheLastByteOfTheReadLimitAndNotBeyond() throws IOException {
        Path console = hugeConsole();
        write(console, GuestConsoles.READ_LIMIT - MARKER.length(), MARKER);
        assertThat(consoles().showsReadyMarker(vpsId)).isTrue();

        Files.delete(console);
        console = hugeConsole();
        write(console, GuestConsoles.READ_LIMIT - MARKER.length() + 1, MARKER);
        assertThat(consoles().showsReadyMarker(vpsId)).isFalse();
    }

    @Test
    void noConsoleYetMeansNotBooted() {
        assertThat(consoles().showsReadyMarker(vpsId)).isFalse();
    }

    @Test
    void deleteRemovesTheConsoleAndItsRotatedFilesOnly() throws IOException {
        GuestConsoles consoles = consoles();
        Path log = consoles.logOf(vpsId);
        Path neighbour = consoles.logOf(UUID.randomUUID());
        for (Path file : new Path[] {log, Path.of(log + ".0"), Path.of(log + ".1"), neighbour, Path.of(neighbour + ".0")}) {
            Files.writeString(file, MARKER);
        }

        consoles.delete(vpsId);

        try (var left = Files.list(directory)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(neighbour.getFileName().toString(), neighbour.getFileName() + ".0");
        }
    }

    private GuestConsoles consoles() {
        return new GuestConsoles(directory, MARKER, file -> new CountingStream(Files.newInputStream(file), bytesRead));
    }

    /** A console as large as a guest writing for hours makes it, without a line break; sparse, so it costs no disk. */
    private Path hugeConsole() throws IOException {
        Path console = consoles().logOf(vpsId);
        try (RandomAccessFile file = new RandomAccessFile(console.toFile(), "rw")) {
            file.setLength(HUGE);
        }
        assertThat(Files.size(console)).isEqualTo(HUGE);
        return console;
    }

    private static void write(Path console, long offset, String text) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(console.toFile(), "rw")) {
            file.seek(offset);
            file.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count.addAndGet(read);
            }
            return read;
        }
    }
}
