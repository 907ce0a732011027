package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.BackendException;

/** Blocks a backend call the way a slow backend would, giving up when the caller is interrupted. */
final class Pause {

    private Pause() {
    }

    static void of(Duration duration, String call) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure(call + ": interrupted while waiting for the backend", e);
        }
    }
}
