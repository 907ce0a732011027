package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * A request body as the JSON reader sees it, after the server has undone any gzip: it ends in
 * 413 once more than {@code maxBytes} come out of it, so a small compressed body that inflates to
 * gigabytes is never inflated further than that. A body that cannot be read (broken gzip, a
 * client that sent less than it announced) is the client's error, 400, not ours. The bytes must
 * be strict UTF-8, which the JSON parser alone does not check (it decodes overlong forms such as
 * {@code C0 AF} to {@code /}): the JDK's decoder sees every byte on its way through.
 */
final class BoundedBodyStream extends FilterInputStream {
    static final long DISCARDED_AT_MOST = 16L * 1024 * 1024;

    private final long maxBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // The start of a character whose last bytes have not been read yet.
    private final ByteBuffer pending = ByteBuffer.allocate(8);
    private final CharBuffer decoded = CharBuffer.allocate(1024);
    private long count;
    private boolean ended;
    private boolean closed;

    BoundedBodyStream(InputStream body, long maxBytes) {
        super(body);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = readChecked(() -> super.read());
        if (b >= 0) {
            counted(1, b == 0);
            decode(new byte[] {(byte) b}, 0, 1, false);
        } else {
            decode(new byte[0], 0, 0, true);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = readChecked(() -> super.read(buffer, offset, length));
        if (n > 0) {
            counted(n, containsZero(buffer, offset, n));
            decode(buffer, offset, n, false);
        } else if (n < 0) {
            decode(buffer, offset, 0, true);
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
            discardRest(in);
            throw new WebApplicationException(RequestBodyFilter.tooLarge(maxBytes), RequestBodyFilter.closing(Response.status(413)).build());
        }
        // JSON in UTF-8 never holds a zero byte; UTF-16 and UTF-32 hold one in every ASCII character.
        if (zero) {
            throw new WebApplicationException("the request body must be JSON encoded in UTF-8", 415);
        }
    }

    /** The reader is done, or gave up on a malformed body: what it left is read off before the answer. */
    @Override
    public void close() throws IOException {
        closed = true;
        discardRest(in);
        super.close();
    }

    /** Whether the reader closed the body: then nothing of it is left on the wire. */
    boolean isClosed() {
        return closed;
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DISCARDED_AT_MOST} bytes. A
     * client that is still sending when the server closes the connection gets a reset instead of
     * the answer; once its body is read, it reads the 413. Larger bodies are cut off all the same.
     */
    static void discardRest(InputStream body) {
        try {
            // Most bodies are read to their end already, or empty: no buffer for them.
            if (body.read() < 0) {
                return;
            }
            byte[] scratch = new byte[64 * 1024];
            for (long discarded = 1; discarded < DISCARDED_AT_MOST; ) {
                int n = body.read(scratch);
                if (n < 0) {
                    return;
                }
                discarded += n;
            }
        } catch (IOException | RuntimeException unreadable) {
            // The answer is a refusal either way; the connection closes after it.
        }
    }

    private void decode(byte[] buffer, int offset, int length, boolean end) {
        if (ended) {
            return;
        }
        ended = end;
        ByteBuffer input = ByteBuffer.wrap(buffer, offset, length);
        if (pending.position() > 0) {
            ByteBuffer joined = ByteBuffer.allocate(pending.position() + length);
            joined.put(pending.flip()).put(input).flip();
            pending.clear();
            input = joined;
        }
        CoderResult result;
        do {
            result = utf8.decode(input, decoded.clear(), end);
            refuseIfMalformed(result);
        } while (result.isOverflow());
        // What is left is the start of a character the next read completes.
        pending.put(input);
    }

    private static void refuseIfMalformed(CoderResult result) {
        if (result.isError()) {
            throw new BadRequestException("the request body is not valid UTF-8");
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
