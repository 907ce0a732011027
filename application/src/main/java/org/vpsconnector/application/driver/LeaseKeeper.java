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
 * renewed for {@code leaseDuration}, by the claim that holds it and only while it has not
 * expired. A lost lease stops the attempt before the call is made. As every backend call ends
 * within its timeout, and the lease is longer than that, a normal attempt never outlives its lease.
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

    /** A database that is briefly away does not cost the lease: the renewal is retried like any record. */
    private void renew(Lease lease) {
        boolean held = renewals.write("the lease of operation " + lease.operationId(), repositories -> {
            Instant now = clock.instant();
            return repositories.operations().renew(lease, now, now.plus(leaseDuration));
        });
        if (!held) {
            throw new LeaseLostException(lease.operationId());
        }
    }

    private final class FencedBackend implements ServerBackend {
        private final ServerBackend backend;
        private final Lease lease;

        FencedBackend(ServerBackend backend, Lease lease) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.lease = Objects.requireNonNull(lease, "lease");
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
            renew(lease);
            return backend.inspect(vpsId);
        }

        @Override
        public Optional<UsageReading> measure(UUID vpsId) {
            renew(lease);
            return backend.measure(vpsId);
        }

        @Override
        public List<ServerStatus> list() {
            renew(lease);
            return backend.list();
        }

        @Override
        public void ping() {
            renew(lease);
            backend.ping();
        }
    }
}
