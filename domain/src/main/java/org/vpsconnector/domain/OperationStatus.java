package org.vpsconnector.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where an operation stands; the finished ones are kept so that late polls get their answer. */
public enum OperationStatus {
    ACCEPTED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public boolean canMoveTo(OperationStatus next) {
        return successors().contains(next);
    }

    private Set<OperationStatus> successors() {
        return switch (this) {
            case ACCEPTED -> EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED);
            case SUCCEEDED, CANCELLED -> EnumSet.noneOf(OperationStatus.class);
            // An operator may retry a failed operation.
            case FAILED -> EnumSet.of(ACCEPTED);
        };
    }
}
