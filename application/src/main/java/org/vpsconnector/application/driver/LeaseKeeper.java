package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * Keeps an attempt's lease while the attempt calls the backend: before each call the lease is
 * renewed for {@code leaseDuration} once less than half of it is left, by the claim that holds it
 * and only while it has not expired; before a call that changes the server the claim is also
 * checked, and a lost lease stops the attempt before the call is made. A call that only looks
 * (inspect, measure) is not fenced: it changes nothing, and what it finds is recorded only under
 * the lease. As every backend call ends within its timeout, and the lease is longer than that, a
 * normal attempt never outlives its lease.
 */
final class LeaseKeeper {
    private final RecordingRetry renewals;
    private final Clock clock;
    private final Duration leaseDuration;

    LeaseKeeper(Transactions transactions, Clock clock, Duration leaseDuration) {
        this.renewals = RecordingRetry.withinLease(transactions, clock, leaseDuration);
        this.clock = clock;
        this.leaseDuration = leaseDuration;
    }

    /** The backend as an attempt holding {@code lease} may call it. */
    ServerBackend fence(ServerBackend backend, Lease lease) {
        return new FencedBackend(backend, lease);
    }

    /**
     * Makes sure {@code lease}, known to run until {@code knownUntil}, outlasts the next backend call,
     * and when {@code fenced} that the attempt still holds it; answers until when it now runs. With half
     * the lease or more left no call can outlive it, so a read tells whether a takeover or a cancel fenced
     * the claim off; with less, it is extended. A database that is briefly away does not cost the lease:
     * both are retried like any record.
     */
    private Instant keep(Lease lease, Instant knownUntil, boolean fenced) {
        Instant now = clock.instant();
        String what = "the lease of operation " + lease.operationId();
        boolean longEnough = !knownUntil.isBefore(now.plus(leaseDuration.dividedBy(2)));
        if (longEnough && !fenced) {
            return knownUntil;
        }
        Instant until = longEnough ? knownUntil : now.plus(leaseDuration);
        boolean held = longEnough
                ? renewals.read(what, repositories -> repositories.operations().leaseOf(lease.operationId())
                        .filter(lease::sameClaimAs).filter(stored -> stored.liveAt(now)).isPresent())
                : renewals.write(what, repositories -> repositories.operations().renew(lease, clock.instant(), until));
        if (!held) {
            throw new LeaseLostException(lease.operationId());
        }
        return until;
    }

    private final class FencedBackend implements ServerBackend {
        private final ServerBackend backend;
        private final Lease lease;
        private Instant until;

        FencedBackend(ServerBackend backend, Lease lease) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.lease = Objects.requireNonNull(lease, "lease");
            this.until = lease.until();
        }

        /** Before a call that changes the server. */
        private void renew(Lease held) {
            until = keep(held, until, true);
        }

        /** Before a call that only looks. */
        private void keepAlive(Lease held) {
            until = keep(held, until, false);
        }

        @Override
        public Technology technology() {
            return backend.technology();
        }

        @Override
        public void create(ServerSpec spec) {
            renew(lease);
            backend.create(spec);
        }

        @Override
        public void start(UUID vpsId) {
            renew(lease);
            backend.start(vpsId);
        }

        @Override
        public void stop(UUID vpsId) {
            renew(lease);
            backend.stop(vpsId);
        }

        @Override
        public List<OperatingSystem> operatingSystems() {
            return backend.operatingSystems();
        }

        @Override
        public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
            renew(lease);
            return backend.reconfigure(vpsId, hardware, login);
        }

        @Override
        public void destroy(UUID vpsId) {
            renew(lease);
            backend.destroy(vpsId);
        }

        @Override
        public Optional<ServerStatus> inspect(UUID vpsId) {
            keepAlive(lease);
            return backend.inspect(vpsId);
        }

        @Override
        public Optional<UsageReading> measure(UUID vpsId) {
            keepAlive(lease);
            return backend.measure(vpsId);
        }

        @Override
        public List<ServerStatus> list() {
            keepAlive(lease);
            return backend.list();
        }

        @Override
        public void ping() {
            keepAlive(lease);
            backend.ping();
        }
    }
}
