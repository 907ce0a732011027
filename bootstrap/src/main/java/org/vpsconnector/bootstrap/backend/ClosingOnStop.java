package org.vpsconnector.bootstrap.backend;

import io.dropwizard.lifecycle.Managed;

/** Closes a backend's connection when the service stops. */
final class ClosingOnStop implements Managed {
    private final AutoCloseable backend;

    ClosingOnStop(AutoCloseable backend) {
        this.backend = backend;
    }

    @Override
    public void stop() throws Exception {
        backend.close();
    }
}
