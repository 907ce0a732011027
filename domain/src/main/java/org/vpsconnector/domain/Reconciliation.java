package org.vpsconnector.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What reconciling concludes about one VPS id from its record and from the server a backend shows
 * for it, and what would repair the difference. The record decides; a VPS whose operation is in
 * flight belongs to that operation, whatever its server looks like.
 */
public final class Reconciliation {

    public enum Finding {
        /** A server of this installation whose VPS is unknown, deleted, failed or of the other technology. */
        ORPHAN,
        /** A live VPS whose server is gone. */
        MISSING_SERVER,
        /** A ready VPS whose server runs or stands still other than recorded, or runs while the VPS is disabled. */
        POWER_STATE_DRIFT
    }

    public enum Repair {
        DESTROY_SERVER,
        /** Stop the server of a disabled VPS, and record it {@link PowerState#STOPPED}. */
        STOP_SERVER,
        /** Record {@link Verdict#stateToRecord()} as the VPS's state. */
        RECORD_STATE,
        NONE
    }

    /**
     * @param expected   what the record says the backend should show
     * @param found      what the backend shows
     * @param unattended whether the repair is safe without an operator looking first: it destroys
     *                   only a server whose VPS is gone, or records what the backend shows
     */
    public record Verdict(Finding finding, String expected, String found, Repair repair, PowerState stateToRecord,
                          boolean unattended) {
        public Verdict {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(repair, "repair");
            if ((repair == Repair.RECORD_STATE) != (stateToRecord != null)) {
                throw new IllegalArgumentException("a state to record goes with RECORD_STATE only");
            }
        }

        /** What a repair does, for a person. */
        public String action() {
            return switch (repair) {
                case DESTROY_SERVER -> "destroy the server";
                case STOP_SERVER -> "stop the server: the VPS is disabled";
                case RECORD_STATE -> "record state " + stateToRecord.apsName();
                case NONE -> "nothing: the VPS is recorded " + PowerState.ERROR.apsName()
                        + " already; unprovision it or provision it anew";
            };
        }
    }

    private Reconciliation() {
    }

    /**
     * @param backend the technology of the backend that was looked at
     * @param vps     the record of the id, empty when there is none
     * @param latest  the newest operation of the VPS
     * @param server  the power of the server the backend shows for the id, empty when it shows none
     * @return empty when record and server agree, or when work in flight owns the VPS
     */
    public static Optional<Verdict> judge(Technology backend, Optional<Vps> vps, Optional<Operation> latest,
                                          Optional<PowerState> server) {
        if (latest.filter(operation -> !operation.isFinished()).isPresent()) {
            return Optional.empty();
        }
        if (server.isPresent()) {
            String found = server.get().apsName() + " server";
            if (vps.isEmpty()) {
                return orphan("no VPS has this id", found, false);
            }
            Vps known = vps.get();
            if (known.technology() != backend) {
                return orphan("the VPS is a " + known.technology() + " on the other backend", found, false);
            }
            if (!known.isLive()) {
                return orphan(known.lifecycle() == Lifecycle.DELETED ? "the VPS is deleted" : "the provision of the VPS failed",
                        found, true);
            }
            // A disabled VPS is never started again behind the controller's back: its server is stopped.
            if (known.lifecycle() == Lifecycle.READY && known.suspended() && server.get() != PowerState.STOPPED) {
                return Optional.of(new Verdict(Finding.POWER_STATE_DRIFT, PowerState.STOPPED.apsName() + " (disabled)",
                        server.get().apsName(), Repair.STOP_SERVER, null, true));
            }
            if (known.lifecycle() == Lifecycle.READY && known.state() != server.get()) {
                return Optional.of(new Verdict(Finding.POWER_STATE_DRIFT, known.state().apsName(), server.get().apsName(),
                        Repair.RECORD_STATE, server.get(), true));
            }
            return Optional.empty();
        }
        return vps.filter(known -> known.isLive() && known.technology() == backend).map(known -> {
            String expected = "a server (the VPS is " + known.lifecycle().apsStatus() + ", " + known.state().apsName() + ")";
            // An operator decides what becomes of a VPS whose server is gone: only recording it is offered.
            return known.state() == PowerState.ERROR
                    ? new Verdict(Finding.MISSING_SERVER, expected, "no server", Repair.NONE, null, false)
                    : new Verdict(Finding.MISSING_SERVER, expected, "no server", Repair.RECORD_STATE, PowerState.ERROR, false);
        });
    }

    private static Optional<Verdict> orphan(String why, String found, boolean unattended) {
        return Optional.of(new Verdict(Finding.ORPHAN, "no server: " + why, found, Repair.DESTROY_SERVER, null, unattended));
    }
}
