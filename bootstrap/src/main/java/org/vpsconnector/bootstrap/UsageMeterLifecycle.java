package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import org.vpsconnector.application.usage.UsageMeter;

/** Starts the usage meter with the server and stops it before the database goes away. */
final class UsageMeterLifecycle implements Managed {
    private final UsageMeter meter;

    UsageMeterLifecycle(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    public void start() {
        meter.start();
    }

    @Override
    public void stop() throws InterruptedException {
        meter.stop();
    }
}
