package org.vpsconnector.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request for a VPS gets, given what we already know of it. The controller repeats
 * requests (polls, re-sends after a time-out), so a request for a known {@code aps.id} must never
 * start a second piece of work: it answers with the work already under way or done.
 */
public final class Admission {

    public enum Verdict {
        /** Start a new operation (a provision running over a failed one, or an unprovision cancelling a build). */
        ACCEPT_NEW,
        /** The same work is under way: 202 again. */
        IN_PROGRESS,
        /** The work is done: 200 with the stored representation. */
        DONE,
        /** The work failed: 500 with its error. */
        FAILED,
        /** Other work is under way, or the request contradicts what exists: 409. */
        CONFLICT,
        /** There is no such VPS: 404. */
        NOT_FOUND,
        /** There is no such VPS and the request wants none: an unprovision is done (204). */
        GONE
    }

    public record Decision(Verdict verdict, String reason) {
        public Decision {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** One request: its kind, its phase, and for provision and configure the representation asked for. */
    public record Request(OperationKind kind, RequestPhase phase, VpsSpec requested) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(phase, "phase");
            if (kind.carriesSpec() && requested == null) {
                throw new IllegalArgumentException(kind + " needs the requested representation");
            }
        }
    }

    private Admission() {
    }

    public static Decision decide(Request request, Optional<Vps> known, Optional<Operation> latest) {
        if (known.isEmpty()) {
            if (request.kind() == OperationKind.UNPROVISION) {
                // A controller that lost the answer to an unprovision can still finish its task.
                return new Decision(Verdict.GONE, "there is no such VPS");
            }
            return request.kind() == OperationKind.PROVISION && request.phase() == RequestPhase.SYNC
                    ? accept()
                    : new Decision(Verdict.NOT_FOUND, "no such VPS");
        }
        Vps vps = known.get();
        if (vps.lifecycle() == Lifecycle.DELETED) {
            return switch (request.kind()) {
                case UNPROVISION -> new Decision(Verdict.DONE, "the VPS is deleted");
                case PROVISION -> new Decision(Verdict.CONFLICT, "a VPS with this aps.id was deleted");
                default -> new Decision(Verdict.NOT_FOUND, "the VPS is deleted");
            };
        }
        Optional<Operation> inFlight = latest.filter(operation -> !operation.isFinished());
        if (inFlight.isPresent()) {
            return whileBusy(request, inFlight.get());
        }
        Optional<Operation> sameWork = latest.filter(operation -> isSameWork(request, operation));
        if (request.phase() == RequestPhase.ASYNC && sameWork.isPresent()) {
            Operation done = sameWork.get();
            return done.status() == OperationStatus.SUCCEEDED
                    ? new Decision(Verdict.DONE, done.info())
                    : new Decision(Verdict.FAILED, done.info());
        }
        return whileIdle(request, vps);
    }

    private static Decision whileBusy(Request request, Operation running) {
        if (isSameWork(request, running)) {
            return new Decision(Verdict.IN_PROGRESS, running.info());
        }
        if (request.kind() == OperationKind.UNPROVISION && running.kind() == OperationKind.PROVISION
                && request.phase() == RequestPhase.SYNC) {
            return accept();
        }
        return new Decision(Verdict.CONFLICT, "another operation is under way: " + running.info());
    }

    private static Decision whileIdle(Request request, Vps vps) {
        boolean poll = request.phase() == RequestPhase.ASYNC;
        return switch (request.kind()) {
            case PROVISION -> {
                if (vps.lifecycle() == Lifecycle.FAILED) {
                    yield poll ? new Decision(Verdict.FAILED, "the provision of this VPS failed") : accept();
                }
                yield sameRepresentation(vps.spec(), request.requested())
                        ? new Decision(Verdict.DONE, "the VPS exists")
                        : new Decision(Verdict.CONFLICT, "a VPS with this aps.id exists with other properties");
            }
            case CONFIGURE -> {
                if (vps.lifecycle() != Lifecycle.READY) {
                    yield new Decision(Verdict.CONFLICT, "the VPS is not ready (" + vps.lifecycle().apsStatus() + ")");
                }
                vps.spec().hardware().requireReconfigurableTo(request.requested().hardware());
                if (sameRepresentation(vps.spec(), request.requested()) && samePassword(vps.spec(), request.requested())) {
                    yield new Decision(Verdict.DONE, "the VPS already has these properties");
                }
                yield poll ? new Decision(Verdict.CONFLICT, "no configuration with these properties was requested") : accept();
            }
            case START -> vps.suspended()
                    ? new Decision(Verdict.CONFLICT, "the VPS is disabled: enable it before starting it")
                    : powerChange(vps, PowerState.RUNNING, poll);
            // A suspended VPS is stopped already: its stop is done, and it stays suspended.
            case STOP -> powerChange(vps, PowerState.STOPPED, poll);
            case DISABLE -> suspension(vps, !vps.suspended(), "the VPS is disabled already", "no disable was requested", poll);
            case ENABLE -> suspension(vps, vps.suspended(), "the VPS is not disabled", "no enable was requested", poll);
            case UNPROVISION -> poll
                    ? new Decision(Verdict.CONFLICT, "no unprovision was requested")
                    : accept();
        };
    }

    private static Decision powerChange(Vps vps, PowerState wanted, boolean poll) {
        if (vps.lifecycle() != Lifecycle.READY) {
            return new Decision(Verdict.CONFLICT, "the VPS is not ready (" + vps.lifecycle().apsStatus() + ")");
        }
        if (vps.state() == wanted) {
            return new Decision(Verdict.DONE, "the VPS is " + wanted.apsName());
        }
        return poll ? new Decision(Verdict.CONFLICT, "the VPS is " + vps.state().apsName()) : accept();
    }

    private static Decision suspension(Vps vps, boolean applies, String otherwise, String notRequested, boolean poll) {
        if (vps.lifecycle() != Lifecycle.READY) {
            return new Decision(Verdict.CONFLICT, "the VPS is not ready (" + vps.lifecycle().apsStatus() + ")");
        }
        if (!applies) {
            return new Decision(Verdict.CONFLICT, otherwise);
        }
        return poll ? new Decision(Verdict.CONFLICT, notRequested) : accept();
    }

    private static boolean isSameWork(Request request, Operation operation) {
        return operation.kind() == request.kind()
                && (!request.kind().carriesSpec() || sameRepresentation(operation.target(), request.requested()));
    }

    /**
     * Whether a repeated request asks for what we have. Only the properties the controller sets
     * count; a property the controller left out of a repeated request does not make it different.
     * The password does not count: its hash is salted anew on every request.
     */
    static boolean sameRepresentation(VpsSpec have, VpsSpec asked) {
        return have.hardware().equals(asked.hardware())
                && matches(have.name(), asked.name())
                && matches(have.description(), asked.description())
                && matches(have.platform().arch(), asked.platform().arch())
                && matches(have.platform().osName(), asked.platform().osName())
                && matches(have.platform().osVersion(), asked.platform().osVersion())
                && matches(have.contextId(), asked.contextId())
                && have.login().sshKeys().equals(asked.login().sshKeys());
    }

    /**
     * Whether a configure leaves root's password as it is. Each hash of a password has its own
     * salt, so two hashes of one password differ: a repeated request is recognised without the
     * password ({@link #sameRepresentation}), and a configure that sends one is a change.
     */
    private static boolean samePassword(VpsSpec have, VpsSpec asked) {
        return Objects.equals(have.login().passwordHash(), asked.login().passwordHash());
    }

    private static boolean matches(Object have, Object asked) {
        return asked == null || asked.equals(have);
    }

    private static Decision accept() {
        return new Decision(Verdict.ACCEPT_NEW, "accepted");
    }
}
