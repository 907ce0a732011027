package org.vpsconnector.bootstrap;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The connectors a test starts one after another, stopped the last started first: an app's
 * overrides, when it stops, put back the system properties as it found them, which were those of
 * the app started before it. Stopped in any other order, some overrides would outlive the test.
 */
final class RunningApps implements AutoCloseable {
    private final Deque<DropwizardTestSupport<VpsConnectorConfiguration>> started = new ArrayDeque<>();

    DropwizardTestSupport<VpsConnectorConfiguration> start(String configFile, ConfigOverride... overrides) {
        DropwizardTestSupport<VpsConnectorConfiguration> app =
                new DropwizardTestSupport<>(VpsConnectorApplication.class, configFile, overrides);
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the connector on " + configFile + " did not start", e);
        }
        started.push(app);
        return app;
    }

    /** Stops {@code app} now, before the others; it must be the last started. */
    void stop(DropwizardTestSupport<VpsConnectorConfiguration> app) {
        if (started.peek() != app) {
            throw new IllegalStateException("only the last started connector can stop before the others");
        }
        started.pop().after();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            started.pop().after();
        }
    }
}
