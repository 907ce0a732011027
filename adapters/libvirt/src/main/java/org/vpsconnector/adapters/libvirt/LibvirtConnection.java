package org.vpsconnector.adapters.libvirt;

import java.time.Duration;
import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.application.port.out.LogContext;

/**
 * One shared connection to libvirtd, opened on first use and reopened after it broke. libvirt
 * connections are thread-safe, so callers use it concurrently; only opening and dropping it is serialised.
 * libvirt's calls are blocking native calls that a daemon which stopped answering holds for
 * ever: each runs on a thread of its own, and its caller waits at most the call timeout.
 */
final class LibvirtConnection implements AutoCloseable {

    /** A libvirt call that may fail with libvirt's checked exception. */
    @FunctionalInterface
    interface Call<T> {
        T on(Connect connect) throws LibvirtException;
    }

    // Kept in a static field: JNA callbacks that are garbage-collected crash the native side.
    private static final ErrorCallback SILENT = new ErrorCallback();

    /** Native calls under way at once, abandoned ones still blocked included. */
    private static final int MAX_CALLS = 32;

    private final String uri;
    private final BoundedCalls calls;
    private Connect connect;

    LibvirtConnection(String uri, Duration callTimeout, LogContext logContext) {
        this.uri = uri;
        loadLibrary();
        this.calls = new BoundedCalls("libvirt", callTimeout, MAX_CALLS, logContext);
    }

    /** Runs a call on the connection; libvirt errors become {@link org.vpsconnector.application.port.out.BackendException}s. */
    <T> T call(String action, Call<T> call) {
        return calls.call(action, () -> callOnConnection(action, call));
    }

    private <T> T callOnConnection(String action, Call<T> call) {
        Connect current = open();
        try {
            return call.on(current);
        } catch (LibvirtException e) {
            if (LibvirtFailures.connectionLost(e)) {
                drop(current);
            }
            throw LibvirtFailures.translate(action, uri, e);
        }
    }

    @Override
    public synchronized void close() {
        calls.close();
        if (connect != null) {
            drop(connect);
        }
    }

    private synchronized Connect open() {
        try {
            if (connect != null && !connect.isAlive()) {
                drop(connect);
            }
            if (connect == null) {
                connect = new Connect(uri, false);
            }
            return connect;
        } catch (LibvirtException e) {
            connect = null;
            throw LibvirtFailures.unreachable(uri, e);
        }
    }

    private synchronized void drop(Connect broken) {
        if (connect != broken) {
            return;
        }
        connect = null;
        try {
            broken.close();
        } catch (LibvirtException ignored) {
            // Already broken: nothing left to release on the daemon's side.
        }
    }

    /** Fails at startup, not at the first VPS, when the native libvirt client library is missing. */
    private static void loadLibrary() {
        try {
            // Without a callback libvirt prints every error, expected ones included, to stderr.
            Connect.setErrorCallback(SILENT);
        } catch (LinkageError e) {
            throw new IllegalStateException("the libvirt client library (libvirt.so.0) cannot be loaded: install "
                    + "Debian's libvirt0 package (scripts/start-libvirt.sh installs it with the daemon): " + e, e);
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot set libvirt's error callback: " + e.getMessage(), e);
        }
    }
}
