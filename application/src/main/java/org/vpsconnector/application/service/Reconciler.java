package org.vpsconnector.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.vpsconnector.application.callback.ControllerUpdates;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.ReconcileReport.Entry;
import org.vpsconnector.application.port.in.ReconcileReport.Outcome;
import org.vpsconnector.application.port.in.ReconcileUseCase;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.RevisedVps;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.port.out.VpsRevision;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Reconciliation;
import org.vpsconnector.domain.Reconciliation.Verdict;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * Compares the database with the servers of this installation on each host of the fleet, reports orphans,
 * missing servers and power-state drift ({@link Reconciliation} judges), and repairs what the
 * {@link ReconcileMode} allows.
 *
 * <p>A verdict stands only on a record that did not change while the backend was listed (it is
 * read before the listing and again after it) and on a server that a second look still shows as
 * listed; anything else is work in progress, left to the next pass. A repair locks the VPS and
 * checks once more that its record is the one judged.
 *
 * <p>Each host is judged on its own: a server on a host other than the one its VPS was placed on
 * is an orphan there, and a host that cannot be listed is named in the problems while the others
 * are reconciled.
 */
public final class Reconciler implements ReconcileUseCase {
    // VPSes read again in one statement: a pass over 100,000 makes 200 reads, not 100,000.
    private static final int READ_AT_ONCE = 500;
    private final Transactions transactions;
    private final Fleet fleet;
    private final Clock clock;
    private final ControllerUpdates controllerUpdates;
    private final LogContext logContext;

    public Reconciler(Transactions transactions, Fleet fleet, Clock clock, ControllerUpdates controllerUpdates) {
        this(transactions, fleet, clock, controllerUpdates, LogContext.NONE);
    }

    /** {@code logContext} marks the lines written while a VPS is examined with the VPS's instance. */
    public Reconciler(Transactions transactions, Fleet fleet, Clock clock, ControllerUpdates controllerUpdates,
                      LogContext logContext) {
        this.transactions = transactions;
        this.fleet = fleet;
        this.clock = clock;
        this.controllerUpdates = controllerUpdates;
        this.logContext = logContext;
    }

    @Override
    public ReconcileReport reconcile(ReconcileMode mode, Optional<UUID> only) {
        Pass pass = new Pass(mode, only);
        // Only the revision of each VPS is kept through the pass: with many VPSes, their records would fill the heap.
        Map<UUID, VpsRevision> before = transactions.inTransaction(Reconciler::everyVpsButTheDeleted);
        for (Host host : fleet.all()) {
            ServerBackend backend = host.backend();
            List<ServerStatus> servers;
            try {
                servers = backend.list();
            } catch (RuntimeException unreachable) {
                // Whatever the host's trouble (a daemon down, a server it cannot describe), the
                // operator gets a report of the other hosts rather than no report at all.
                pass.problems.add(named(host) + ": cannot list its servers, none of them was judged: "
                        + unreachable.getMessage());
                continue;
            }
            Set<UUID> listed = new HashSet<>();
            List<Examined> examined = new ArrayList<>();
            for (ServerStatus server : servers) {
                listed.add(server.vpsId());
                examined.add(new Examined(server.vpsId(), Optional.ofNullable(before.get(server.vpsId())), Optional.of(server)));
            }
            for (VpsRevision recorded : before.values()) {
                if (onHost(recorded.technology(), recorded.host(), host) && !listed.contains(recorded.vpsId())) {
                    examined.add(new Examined(recorded.vpsId(), Optional.of(recorded), Optional.empty()));
                }
            }
            for (int from = 0; from < examined.size(); from += READ_AT_ONCE) {
                examinePage(pass, host, examined.subList(from, Math.min(from + READ_AT_ONCE, examined.size())));
            }
        }
        return pass.report();
    }

    /** A VPS to judge on a host: what the pass read of it before the listing, and its server there, if listed. */
    private record Examined(UUID id, Optional<VpsRevision> before, Optional<ServerStatus> listed) {
    }

    /** The VPSes of a page are read again in one statement, after the listing, and then judged one by one. */
    private void examinePage(Pass pass, Host host, List<Examined> page) {
        Map<UUID, RevisedVps> now = new HashMap<>();
        try {
            List<UUID> ids = page.stream().map(Examined::id).toList();
            for (RevisedVps revised : transactions.inTransaction(repositories -> repositories.vpses().findRevised(ids))) {
                now.put(revised.stored().vps().id(), revised);
            }
        } catch (RuntimeException failure) {
            page.forEach(examined -> pass.problems.add("VPS " + examined.id() + " on " + named(host) + ": " + failure.getMessage()));
            return;
        }
        for (Examined examined : page) {
            examine(pass, host, examined, Optional.ofNullable(now.get(examined.id())));
        }
    }

    private void examine(Pass pass, Host host, Examined examined, Optional<RevisedVps> revised) {
        UUID id = examined.id();
        Optional<VpsRevision> before = examined.before();
        Optional<ServerStatus> listed = examined.listed();
        UUID instanceId = before.map(VpsRevision::instanceId).orElse(null);
        Optional<PowerState> server = listed.map(ServerStatus::powerState);
        ServerBackend backend = host.backend();
        try (LogContext.Scope marked = logContext.open(null, instanceId)) {
            if (!settled(before, revised)) {
                return;
            }
            Optional<VpsWithLatestOperation> now = revised.map(RevisedVps::stored);
            Optional<VpsWithLatestOperation> here = now.filter(recorded -> onHost(recorded.vps(), host));
            Optional<Verdict> verdict = Reconciliation.judge(host.technology(), here.map(VpsWithLatestOperation::vps),
                    here.flatMap(VpsWithLatestOperation::latestOperation), server);
            if (verdict.isEmpty()) {
                listed.ifPresent(seen -> recordAddress(pass, host, now, seen));
                return;
            }
            Optional<ServerStatus> secondLook = backend.inspect(id);
            if (!secondLook.map(ServerStatus::powerState).equals(server)) {
                return;
            }
            String ipv4 = secondLook.map(ServerStatus::ipv4).orElse(null);
            Outcome outcome = pass.mayRepair(id, verdict.get()) ? repair(pass, backend, id, now, verdict.get(), ipv4) : Outcome.REPORTED;
            pass.add(verdict.get(), new Entry(id, instanceId, host.technology(), host.name(), verdict.get().expected(),
                    verdict.get().found(), verdict.get().action(), outcome));
        } catch (RuntimeException failure) {
            pass.problems.add("VPS " + id + " on " + named(host) + ": " + failure.getMessage());
        }
    }

    private static String named(Host host) {
        return Host.kindOf(host.technology()) + " host " + host.name();
    }

    /**
     * Whether the VPS and its latest operation have the revision read before the listing: nothing the
     * connector wrote in between can explain what the listing showed. A VPS that appeared since is new
     * work, not yet judged.
     */
    private static boolean settled(Optional<VpsRevision> before, Optional<RevisedVps> now) {
        return before.isPresent()
                ? before.equals(now.map(RevisedVps::revision))
                : now.map(revised -> revised.stored().vps().lifecycle() == Lifecycle.DELETED).orElse(true);
    }

    /** Whether {@code host} is where the VPS's server lives: a VPS placed elsewhere is no VPS of its servers. */
    private boolean onHost(Vps vps, Host host) {
        return onHost(vps.technology(), vps.host(), host);
    }

    private boolean onHost(Technology technology, String recordedHost, Host host) {
        return technology == host.technology() && fleet.holds(host, recordedHost);
    }

    /**
     * A ready VPS whose server the backend shows at another address than recorded (a container
     * started again behind the connector's back, a DHCP lease renewed elsewhere) gets the address the
     * backend reports, and the controller is told. Not in a dry run: it changes nothing then.
     */
    private void recordAddress(Pass pass, Host host, Optional<VpsWithLatestOperation> judged, ServerStatus seen) {
        Optional<VpsWithLatestOperation> known = judged.filter(recorded -> onHost(recorded.vps(), host));
        if (pass.mode == ReconcileMode.DRY_RUN || known.isEmpty() || !pass.only.map(seen.vpsId()::equals).orElse(true)) {
            return;
        }
        Vps vps = known.get().vps();
        // A VPS whose operation is in flight belongs to that operation: it records the address when it ends.
        if (known.get().latestOperation().filter(operation -> !operation.isFinished()).isPresent()
                || vps.lifecycle() != Lifecycle.READY
                || Objects.equals(vps.ipv4(), seen.ipv4())) {
            return;
        }
        transactions.inTransaction(repositories -> {
            if (locked(repositories, vps.id()).equals(judged)) {
                Vps seenAt = vps.seenAt(seen.ipv4());
                repositories.vpses().update(seenAt);
                controllerUpdates.report(repositories, seenAt, null);
            }
            return null;
        });
    }

    private Outcome repair(Pass pass, ServerBackend backend, UUID id, Optional<VpsWithLatestOperation> judged,
                           Verdict verdict, String ipv4) {
        try {
            // The destroy of an orphan runs under the lock of its VPS, so that a provision admitted
            // again for a failed VPS waits until the leftover is gone rather than adopting it meanwhile.
            return transactions.inTransaction(repositories -> {
                Optional<VpsWithLatestOperation> current = locked(repositories, id);
                if (!current.equals(judged)) {
                    return Outcome.CHANGED_MEANWHILE;
                }
                switch (verdict.repair()) {
                    case DESTROY_SERVER -> backend.destroy(id);
                    case STOP_SERVER -> {
                        backend.stop(id);
                        recordState(repositories, current, verdict, PowerState.STOPPED, null,
                                "Reconcile stopped the server of the disabled VPS");
                    }
                    case RECORD_STATE -> recordState(repositories, current, verdict, verdict.stateToRecord(), ipv4, "Reconcile");
                    case NONE -> {
                        return Outcome.REPORTED;
                    }
                }
                return Outcome.REPAIRED;
            });
        } catch (BackendException failure) {
            pass.problems.add("VPS " + id + ": " + verdict.action() + " failed: " + failure.getMessage());
            return Outcome.REPAIR_FAILED;
        }
    }

    /**
     * Records the state through the VPS's own rule, and says so in the transition log of its newest
     * operation. A new operation is not written: it would become the newest one, and a late poll of
     * the controller's own last operation would then get another answer. The controller is told
     * through a resource update that no request of its own caused.
     */
    private void recordState(Repositories repositories, Optional<VpsWithLatestOperation> current, Verdict verdict,
                             PowerState state, String ipv4, String done) {
        Instant now = clock.instant();
        Vps vps = current.orElseThrow().vps();
        Vps recorded = vps.observed(state, now).seenAt(ipv4);
        repositories.vpses().update(recorded);
        controllerUpdates.report(repositories, recorded, null);
        current.orElseThrow().latestOperation().ifPresent(operation -> repositories.transitions().record(new OperationTransition(
                operation.id(), vps.id(), operation.status(), operation.status(), operation.attempts(),
                done + " recorded state " + state.apsName() + ": expected " + verdict.expected()
                        + ", the backend showed " + verdict.found(), now)));
    }

    private static Map<UUID, VpsRevision> everyVpsButTheDeleted(Repositories repositories) {
        Map<UUID, VpsRevision> recorded = new LinkedHashMap<>();
        for (VpsRevision stored : repositories.vpses().listNotDeletedRevisions()) {
            recorded.put(stored.vpsId(), stored);
        }
        return recorded;
    }

    /** The VPS, locked, with its latest operation read after the lock (as {@link VpsRepository#lock} says why). */
    private static Optional<VpsWithLatestOperation> locked(Repositories repositories, UUID id) {
        return repositories.vpses().lock(id)
                .map(vps -> new VpsWithLatestOperation(vps, repositories.operations().latestFor(id)));
    }

    private static final class Pass {
        private final ReconcileMode mode;
        private final Optional<UUID> only;
        private final Listed<Entry> orphans = new Listed<>();
        private final Listed<Entry> missingServers = new Listed<>();
        private final Listed<Entry> powerStateDrift = new Listed<>();
        private final Listed<String> problems = new Listed<>();

        Pass(ReconcileMode mode, Optional<UUID> only) {
            this.mode = mode;
            this.only = only;
        }

        boolean mayRepair(UUID id, Verdict verdict) {
            boolean allowed = switch (mode) {
                case DRY_RUN -> false;
                case SAFE_REPAIRS -> verdict.unattended();
                case APPLY -> true;
            };
            return allowed && verdict.repair() != Reconciliation.Repair.NONE && only.map(id::equals).orElse(true);
        }

        void add(Verdict verdict, Entry entry) {
            switch (verdict.finding()) {
                case ORPHAN -> orphans.add(entry);
                case MISSING_SERVER -> missingServers.add(entry);
                case POWER_STATE_DRIFT -> powerStateDrift.add(entry);
            }
        }

        ReconcileReport report() {
            return new ReconcileReport(mode, new ReconcileReport.Counts(orphans.count, missingServers.count,
                    powerStateDrift.count, problems.count), orphans.first, missingServers.first, powerStateDrift.first,
                    problems.first);
        }
    }

    /** The first {@value ReconcileReport#ENTRIES_LISTED} items of one kind, and how many there were. */
    private static final class Listed<T> {
        private final List<T> first = new ArrayList<>();
        private int count;

        void add(T item) {
            count++;
            if (first.size() < ReconcileReport.ENTRIES_LISTED) {
                first.add(item);
            }
        }
    }
}
