package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import org.vpsconnector.application.driver.OperationDriver;

/** Starts the operation driver with the server and stops it before the database goes away. */
final class OperationDriverLifecycle implements Managed {
    private final OperationDriver driver;

    OperationDriverLifecycle(OperationDriver driver) {
        this.driver = driver;
    }

    @Override
    public void start() {
        driver.start();
    }

    @Override
    public void stop() throws InterruptedException {
        driver.stop();
    }
}
