package org.vpsconnector.application.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.ReconcileUseCase;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/**
 * Repairs drift between the database and the backends. The database decides: a server whose VPS
 * failed or was deleted is destroyed (a rollback that could not reach the backend leaves one), and
 * a VPS whose server was started or stopped behind our back gets its state recorded. VPSes with an
 * operation under way are left to that operation; servers unknown to this database are left alone,
 * since another installation may own them.
 */
public final class Reconciler implements ReconcileUseCase {
    private final Transactions transactions;
    private final Backends backends;
    private final Clock clock;

    public Reconciler(Transactions transactions, Backends backends, Clock clock) {
        this.transactions = transactions;
        this.backends = backends;
        this.clock = clock;
    }

    @Override
    public ReconcileReport reconcile() {
        List<UUID> removed = new ArrayList<>();
        List<UUID> corrected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ServerBackend backend : backends.all()) {
            List<ServerStatus> servers;
            try {
                servers = backend.list();
            } catch (BackendException unreachable) {
                problems.add(backend.technology() + " backend: " + unreachable.getMessage());
                continue;
            }
            for (ServerStatus server : servers) {
                try {
                    reconcile(backend, server, removed, corrected);
                } catch (BackendException failure) {
                    problems.add("VPS " + server.vpsId() + ": " + failure.getMessage());
                }
            }
        }
        return new ReconcileReport(removed, corrected, problems);
    }

    private void reconcile(ServerBackend backend, ServerStatus server, List<UUID> removed, List<UUID> corrected) {
        UUID id = server.vpsId();
        Optional<Vps> idle = transactions.inTransaction(repositories -> repositories.vpses().find(id)
                .filter(vps -> repositories.operations().latestFor(id).map(Operation::isFinished).orElse(true)));
        if (idle.isEmpty() || idle.get().technology() != backend.technology()) {
            return;
        }
        Vps vps = idle.get();
        if (vps.lifecycle() == Lifecycle.FAILED || vps.lifecycle() == Lifecycle.DELETED) {
            backend.destroy(id);
            removed.add(id);
            return;
        }
        PowerState observed = server.running() ? PowerState.RUNNING : PowerState.STOPPED;
        if (vps.lifecycle() == Lifecycle.READY && vps.state() != observed) {
            boolean recorded = transactions.inTransaction(repositories -> {
                Vps current = repositories.vpses().lock(id).orElseThrow();
                boolean stillIdle = repositories.operations().latestFor(id).map(Operation::isFinished).orElse(true);
                if (!stillIdle || !current.equals(vps)) {
                    return false;
                }
                repositories.vpses().update(vps.observed(observed, clock.instant()));
                return true;
            });
            if (recorded) {
                corrected.add(id);
            }
        }
    }
}
