package org.vpsconnector.application.port.out;

import java.time.Duration;
import org.vpsconnector.domain.Operation;

/**
 * Told about the work on operations: each attempt and its duration, and each operation that
 * ended, with the time from its acceptance to its end. Implementations are quick and never throw.
 */
public interface OperationObserver {
    OperationObserver NONE = new OperationObserver() {
        @Override
        public void attempted(String technology, String host, Operation operation, Duration took) {
        }

        @Override
        public void finished(String technology, String host, Operation finished) {
        }
    };

    /**
     * One attempt at {@code operation}, of a VPS on the {@code technology} host ({@code container}
     * or {@code hypervisor}) named {@code host}, took {@code took}, whatever came of it.
     */
    void attempted(String technology, String host, Operation operation, Duration took);

    /**
     * {@code finished} ended (succeeded, failed or was cancelled) and this process recorded its
     * end; its {@code createdAt} and {@code updatedAt} are when it was accepted and when it ended.
     */
    void finished(String technology, String host, Operation finished);
}
