package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import org.vpsconnector.application.callback.ControllerUpdateDispatcher;

/** Starts sending controller updates with the server and stops before the database goes away. */
final class ControllerUpdateDispatcherLifecycle implements Managed {
    private final ControllerUpdateDispatcher dispatcher;

    ControllerUpdateDispatcherLifecycle(ControllerUpdateDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        dispatcher.start();
    }

    @Override
    public void stop() throws InterruptedException {
        dispatcher.stop();
    }
}
