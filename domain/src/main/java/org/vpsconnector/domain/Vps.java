package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One virtual private server, keyed by the {@code aps.id} the controller assigned. Its stable
 * {@link Lifecycle} and its business {@link PowerState} are kept apart; the operation in flight
 * lives in {@link Operation}.
 */
public record Vps(UUID id, UUID instanceId, VpsSpec spec, Lifecycle lifecycle, PowerState state,
                  Instant createdAt, Instant modifiedAt) {

    public Vps {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(state, "state");
    }

    public static Vps provisioning(UUID id, UUID instanceId, VpsSpec spec, Instant now) {
        return new Vps(id, instanceId, spec, Lifecycle.PROVISIONING, PowerState.CREATING, now, now);
    }

    /** Whether the VPS may still have a server: neither deleted nor a provision that failed and was rolled back. */
    public boolean isLive() {
        return lifecycle != Lifecycle.DELETED && lifecycle != Lifecycle.FAILED;
    }

    public Technology technology() {
        return spec.technology();
    }

    /** The VPS as it shows while {@code kind} runs; a provision of a failed VPS starts afresh. */
    public Vps accept(OperationKind kind, VpsSpec target, Instant now) {
        Lifecycle next = kind.lifecycleWhileRunning(lifecycle);
        VpsSpec shown = kind == OperationKind.PROVISION ? target : spec;
        return new Vps(id, instanceId, shown, advance(next), kind.stateWhileRunning(), createdAt, now);
    }

    /** The VPS after {@code kind} succeeded and the backend reports {@code observed}. */
    public Vps completed(OperationKind kind, VpsSpec target, PowerState observed, Instant now) {
        return switch (kind) {
            case PROVISION, CONFIGURE -> new Vps(id, instanceId, target, advance(Lifecycle.READY), observed, createdAt, now);
            case UNPROVISION -> new Vps(id, instanceId, spec, advance(Lifecycle.DELETED), PowerState.DELETING, createdAt, now);
            case START, STOP -> new Vps(id, instanceId, spec, lifecycle, observed, createdAt, now);
        };
    }

    /** The VPS after {@code kind} failed for good and the backend reports {@code observed}. */
    public Vps failed(OperationKind kind, PowerState observed, Instant now) {
        return switch (kind) {
            case PROVISION -> new Vps(id, instanceId, spec, advance(Lifecycle.FAILED), PowerState.ERROR, createdAt, now);
            case CONFIGURE, UNPROVISION -> new Vps(id, instanceId, spec, advance(Lifecycle.READY), observed, createdAt, now);
            case START, STOP -> new Vps(id, instanceId, spec, lifecycle, observed, createdAt, now);
        };
    }

    /** The VPS with the power state its backend reports, when the server changed behind our back. */
    public Vps observed(PowerState state, Instant now) {
        return new Vps(id, instanceId, spec, lifecycle, state, createdAt, now);
    }

    private Lifecycle advance(Lifecycle next) {
        return next == lifecycle ? lifecycle : lifecycle.moveTo(next);
    }
}
