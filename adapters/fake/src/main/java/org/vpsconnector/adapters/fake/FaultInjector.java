package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.vpsconnector.application.port.out.BackendException;

/**
 * Makes the calls of a fake backend fail, as configured at start-up and changed at run time (by an
 * admin task, or a test). Safe to use from any thread.
 */
public final class FaultInjector {
    private static final System.Logger LOG = System.getLogger(FaultInjector.class.getName());

    private final AtomicReference<FaultSettings> settings;
    private final Random random;

    public FaultInjector(FaultSettings settings) {
        this(settings, new Random());
    }

    public FaultInjector(FaultSettings settings, Random random) {
        this.settings = new AtomicReference<>(Objects.requireNonNull(settings, "settings"));
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The faults in force now, with the calls still to fail. */
    public FaultSettings settings() {
        return settings.get();
    }

    public void setFailNextCalls(int count) {
        settings.updateAndGet(current -> new FaultSettings(count, current.failureProbability(), current.hang()));
    }

    public void setFailureProbability(double probability) {
        settings.updateAndGet(current -> new FaultSettings(current.failNextCalls(), probability, current.hang()));
    }

    public void setHang(Duration hang) {
        settings.updateAndGet(current -> new FaultSettings(current.failNextCalls(), current.failureProbability(), hang));
    }

    /** Called on entry to every backend call; throws the transient failure that call suffers, if any. */
    void beforeCall(String call) {
        FaultSettings current = settings.get();
        if (!current.hang().isZero()) {
            Pause.of(current.hang(), call);
            throw BackendException.transientFailure(
                    call + ": backend did not answer within " + current.hang().toMillis() + " ms", null);
        }
        if (takeOneFailingCall() || random.nextDouble() < current.failureProbability()) {
            LOG.log(System.Logger.Level.INFO, "fault injected into the call to " + call);
            throw BackendException.transientFailure(call + ": injected fault", null);
        }
    }

    private boolean takeOneFailingCall() {
        FaultSettings before = settings.getAndUpdate(current -> current.failNextCalls() == 0 ? current
                : new FaultSettings(current.failNextCalls() - 1, current.failureProbability(), current.hang()));
        return before.failNextCalls() > 0;
    }
}
