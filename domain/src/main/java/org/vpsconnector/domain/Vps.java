package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One virtual private server, keyed by the {@code aps.id} the controller assigned. Its stable
 * {@link Lifecycle} and its business {@link PowerState} are kept apart; the operation in flight
 * lives in {@link Operation}. {@code resumeTo} is the power state an enable brings back: present
 * exactly while the VPS is suspended (disabled), {@link PowerState#RUNNING} or {@link PowerState#STOPPED}.
 * {@code ipv4} is the address the server was last seen at; null until its backend reports one.
 * {@code host} names the host of its technology the VPS was placed on, where every operation of
 * it goes; null for a VPS stored before hosts were named, which lives on the first host of its technology.
 */
public record Vps(UUID id, UUID instanceId, VpsSpec spec, Lifecycle lifecycle, PowerState state,
                  Instant createdAt, Instant modifiedAt, PowerState resumeTo, String ipv4, String host) {

    public Vps {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(state, "state");
        if (resumeTo != null && resumeTo != PowerState.RUNNING && resumeTo != PowerState.STOPPED) {
            throw new IllegalArgumentException("a suspended VPS resumes Running or Stopped, not " + resumeTo.apsName());
        }
    }

    /** A VPS on the first host of its technology. */
    public Vps(UUID id, UUID instanceId, VpsSpec spec, Lifecycle lifecycle, PowerState state,
               Instant createdAt, Instant modifiedAt, PowerState resumeTo, String ipv4) {
        this(id, instanceId, spec, lifecycle, state, createdAt, modifiedAt, resumeTo, ipv4, null);
    }

    /** A VPS whose address is not known. */
    public Vps(UUID id, UUID instanceId, VpsSpec spec, Lifecycle lifecycle, PowerState state,
               Instant createdAt, Instant modifiedAt, PowerState resumeTo) {
        this(id, instanceId, spec, lifecycle, state, createdAt, modifiedAt, resumeTo, null);
    }

    /** A VPS that is not suspended. */
    public Vps(UUID id, UUID instanceId, VpsSpec spec, Lifecycle lifecycle, PowerState state,
               Instant createdAt, Instant modifiedAt) {
        this(id, instanceId, spec, lifecycle, state, createdAt, modifiedAt, null);
    }

    public static Vps provisioning(UUID id, UUID instanceId, VpsSpec spec, Instant now) {
        return new Vps(id, instanceId, spec, Lifecycle.PROVISIONING, PowerState.CREATING, now, now);
    }

    /** The VPS placed on {@code host}: its server is made there, and every later operation goes there. */
    public Vps placedOn(String host) {
        return new Vps(id, instanceId, spec, lifecycle, state, createdAt, modifiedAt, resumeTo, ipv4, host);
    }

    /** Whether the VPS is disabled: its server is kept stopped until it is enabled. */
    public boolean suspended() {
        return resumeTo != null;
    }

    /** Whether the VPS may still have a server: neither deleted nor a provision that failed and was rolled back. */
    public boolean isLive() {
        return lifecycle != Lifecycle.DELETED && lifecycle != Lifecycle.FAILED;
    }

    public Technology technology() {
        return spec.technology();
    }

    /**
     * The VPS as it shows while {@code kind} runs; a provision of a failed VPS starts afresh. A
     * disable is suspended from its acceptance on, so that the power state to bring back is kept
     * before the state shows the stop.
     */
    public Vps accept(OperationKind kind, VpsSpec target, Instant now) {
        Lifecycle next = advance(kind.lifecycleWhileRunning(lifecycle));
        VpsSpec shown = kind == OperationKind.PROVISION ? target : spec;
        return switch (kind) {
            case DISABLE -> with(shown, next, PowerState.STOPPING,
                    state == PowerState.RUNNING ? PowerState.RUNNING : PowerState.STOPPED, now);
            case ENABLE -> with(shown, next, resumeTo == PowerState.RUNNING ? PowerState.STARTING : PowerState.STOPPED,
                    resumeTo, now);
            default -> with(shown, next, kind.stateWhileRunning(), resumeTo, now);
        };
    }

    /** The VPS after {@code kind} succeeded and the backend reports {@code observed}. */
    public Vps completed(OperationKind kind, VpsSpec target, PowerState observed, Instant now) {
        return switch (kind) {
            case PROVISION, CONFIGURE -> with(target, advance(Lifecycle.READY), observed, resumeTo, now);
            case UNPROVISION -> with(spec, advance(Lifecycle.DELETED), PowerState.DELETING, resumeTo, now);
            case START, STOP, DISABLE -> with(spec, lifecycle, observed, resumeTo, now);
            case ENABLE -> with(spec, lifecycle, observed, null, now);
        };
    }

    /**
     * The VPS after {@code kind} failed for good and the backend reports {@code observed}. A failed
     * disable leaves the VPS enabled, a failed enable leaves it suspended: what the controller,
     * told of the failure, believes.
     */
    public Vps failed(OperationKind kind, PowerState observed, Instant now) {
        return switch (kind) {
            case PROVISION -> with(spec, advance(Lifecycle.FAILED), PowerState.ERROR, resumeTo, now);
            case CONFIGURE, UNPROVISION -> with(spec, advance(Lifecycle.READY), observed, resumeTo, now);
            case START, STOP, ENABLE -> with(spec, lifecycle, observed, resumeTo, now);
            case DISABLE -> with(spec, lifecycle, observed, null, now);
        };
    }

    /** The VPS with the power state its backend reports, when the server changed behind our back. */
    public Vps observed(PowerState state, Instant now) {
        return with(spec, lifecycle, state, resumeTo, now);
    }

    /**
     * The VPS with the address its backend reports for the server now: null when it reports none
     * (a stopped container has none, a removed server neither), so the VPS never shows an address
     * that no longer reaches it. The time of the change is left as it was: an address is an
     * observation, not a change the controller made.
     */
    public Vps seenAt(String ipv4) {
        return Objects.equals(ipv4, this.ipv4) ? this
                : new Vps(id, instanceId, spec, lifecycle, state, createdAt, modifiedAt, resumeTo, ipv4, host);
    }

    private Vps with(VpsSpec spec, Lifecycle lifecycle, PowerState state, PowerState resumeTo, Instant now) {
        return new Vps(id, instanceId, spec, lifecycle, state, createdAt, now, resumeTo, ipv4, host);
    }

    private Lifecycle advance(Lifecycle next) {
        return next == lifecycle ? lifecycle : lifecycle.moveTo(next);
    }
}
