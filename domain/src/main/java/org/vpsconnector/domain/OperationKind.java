package org.vpsconnector.domain;

/** What an operation does to a VPS, and the business state the VPS shows while it runs. */
public enum OperationKind {
    PROVISION(PowerState.CREATING),
    CONFIGURE(PowerState.CONFIGURING),
    UNPROVISION(PowerState.DELETING),
    START(PowerState.STARTING),
    STOP(PowerState.STOPPING),
    /** Suspends the VPS: stops its server and keeps it stopped until {@link #ENABLE}. */
    DISABLE(PowerState.STOPPING),
    /** Ends a suspension: brings back the power state the VPS had when it was disabled. */
    ENABLE(PowerState.STARTING);

    private final PowerState stateWhileRunning;

    OperationKind(PowerState stateWhileRunning) {
        this.stateWhileRunning = stateWhileRunning;
    }

    public PowerState stateWhileRunning() {
        return stateWhileRunning;
    }

    /** The lifecycle a VPS enters when this operation is accepted. */
    public Lifecycle lifecycleWhileRunning(Lifecycle current) {
        return switch (this) {
            case PROVISION -> Lifecycle.PROVISIONING;
            case CONFIGURE -> Lifecycle.CONFIGURING;
            case UNPROVISION -> Lifecycle.UNPROVISIONING;
            case START, STOP, DISABLE, ENABLE -> current;
        };
    }

    /** Whether the request carries the full VPS representation that the operation must reach. */
    public boolean carriesSpec() {
        return this == PROVISION || this == CONFIGURE;
    }
}
