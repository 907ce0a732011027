package org.vpsconnector.domain;

import java.util.EnumSet;
import java.util.Set;

/** The stable lifecycle of a VPS, which the controller sees as {@code aps.status}. */
public enum Lifecycle {
    PROVISIONING("aps:provisioning"),
    READY("aps:ready"),
    CONFIGURING("aps:configuring"),
    UNPROVISIONING("aps:unprovisioning"),
    DELETED("aps:deleted"),
    // A failed provision: nothing remains on the backend, the controller may provision again.
    FAILED("aps:provisioning");

    private final String apsStatus;

    Lifecycle(String apsStatus) {
        this.apsStatus = apsStatus;
    }

    public String apsStatus() {
        return apsStatus;
    }

    public boolean canMoveTo(Lifecycle next) {
        return successors().contains(next);
    }

    public Lifecycle moveTo(Lifecycle next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException("a VPS cannot go from " + this + " to " + next);
        }
        return next;
    }

    private Set<Lifecycle> successors() {
        return switch (this) {
            case PROVISIONING -> EnumSet.of(READY, FAILED, UNPROVISIONING);
            case READY -> EnumSet.of(CONFIGURING, UNPROVISIONING);
            case CONFIGURING -> EnumSet.of(READY);
            case UNPROVISIONING -> EnumSet.of(DELETED, READY);
            case FAILED -> EnumSet.of(PROVISIONING, UNPROVISIONING);
            case DELETED -> EnumSet.noneOf(Lifecycle.class);
        };
    }
}
