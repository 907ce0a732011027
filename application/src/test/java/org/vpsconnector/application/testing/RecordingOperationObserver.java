package org.vpsconnector.application.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.domain.Operation;

/** Keeps what it is told, as "attempted container:containers PROVISION" and "finished container:containers PROVISION SUCCEEDED". */
public final class RecordingOperationObserver implements OperationObserver {
    private final List<String> told = new ArrayList<>();
    private final List<Operation> finished = new ArrayList<>();

    @Override
    public synchronized void attempted(String technology, String host, Operation operation, Duration took) {
        if (took.isNegative()) {
            throw new AssertionError("an attempt took " + took);
        }
        told.add("attempted " + technology + ":" + host + " " + operation.kind());
    }

    @Override
    public synchronized void finished(String technology, String host, Operation operation) {
        told.add("finished " + technology + ":" + host + " " + operation.kind() + " " + operation.status());
        finished.add(operation);
    }

    public synchronized List<String> told() {
        return List.copyOf(told);
    }

    public synchronized List<Operation> finished() {
        return List.copyOf(finished);
    }
}
