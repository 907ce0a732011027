package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * A request body as the JSON reader sees it, after the server has undone any gzip: it ends in
 * 413 once more than {@code maxBytes} come out of it, so a small compressed body that inflates to
 * gigabytes is never inflated further than that. A body that cannot be read (broken gzip, a
 * client that sent less than it announced) is the client's error, 400, not ours.
 */
final class BoundedBodyStream extends FilterInputStream {
    private final long maxBytes;
    private long count;

    BoundedBodyStream(InputStream body, long maxBytes) {
        super(body);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = readChecked(() -> super.read());
        if (b >= 0) {
            counted(1, b == 0);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = readChecked(() -> super.read(buffer, offset, length));
        if (n > 0) {
            counted(n, containsZero(buffer, offset, n));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count as read ones; read() does the counting.
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    private void counted(int n, boolean zero) {
        count += n;
        if (count > maxBytes) {
            throw new WebApplicationException(RequestBodyFilter.tooLarge(maxBytes), 413);
        }
        // JSON in UTF-8 never holds a zero byte; UTF-16 and UTF-32 hold one in every ASCII character.
        if (zero) {
            throw new WebApplicationException("the request body must be JSON encoded in UTF-8", 415);
        }
    }

    private static boolean containsZero(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private interface Read {
        int run() throws IOException;
    }

    private static int readChecked(Read read) {
        try {
            return read.run();
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof WebApplicationException answer) {
                throw answer;
            }
            // Jetty reports a corrupt gzip body as a ZipException, sometimes wrapped in a RuntimeException.
            throw new BadRequestException("the request body could not be read: " + reason(unreadable));
        }
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ZipException) {
                return "it is not valid gzip data";
            }
        }
        return "it ended early or broke off";
    }
}
