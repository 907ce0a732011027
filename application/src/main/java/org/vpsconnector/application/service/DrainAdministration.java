package org.vpsconnector.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.port.in.DrainUseCase;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.InvalidRequestException;

/** Drains kept in the database, so that every replica sharing it drains at once. */
public final class DrainAdministration implements DrainUseCase {
    private static final System.Logger LOG = System.getLogger(DrainAdministration.class.getName());

    private final Transactions transactions;
    private final Fleet fleet;
    private final Clock clock;

    public DrainAdministration(Transactions transactions, Fleet fleet, Clock clock) {
        this.transactions = transactions;
        this.fleet = fleet;
        this.clock = clock;
    }

    @Override
    public List<Drain> drain(Optional<String> host, String reason) {
        String scope = scopeOf(host);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("a drain needs a reason, for the operators who find it in force");
        }
        if (reason.length() > 500) {
            throw new InvalidRequestException("the reason of a drain is at most 500 characters");
        }
        List<Drain> drains = transactions.inTransaction(repositories -> {
            repositories.drains().drain(new Drain(scope, reason.strip(), clock.instant()));
            return repositories.drains().list();
        });
        LOG.log(System.Logger.Level.WARNING, "drained " + scope + ": " + reason.strip());
        return drains;
    }

    @Override
    public List<Drain> undrain(Optional<String> host) {
        String scope = scopeOf(host);
        return transactions.inTransaction(repositories -> {
            if (repositories.drains().undrain(scope)) {
                LOG.log(System.Logger.Level.WARNING, "undrained " + scope);
            }
            return repositories.drains().list();
        });
    }

    @Override
    public List<Drain> drains() {
        return transactions.inTransaction(repositories -> repositories.drains().list());
    }

    /** The connector, or a host the configuration names: a drain of a host that is not there would hold nothing. */
    private String scopeOf(Optional<String> host) {
        if (host.isEmpty()) {
            return Drain.CONNECTOR;
        }
        String scope = host.get();
        boolean named = fleet.all().stream().map(Host::drainScope).anyMatch(scope::equals);
        if (!named) {
            throw new InvalidRequestException("no host " + scope + "; the hosts are "
                    + String.join(", ", fleet.all().stream().map(Host::drainScope).toList()));
        }
        return scope;
    }
}
