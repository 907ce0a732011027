package org.vpsconnector.application.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.port.in.VpsInventoryQuery;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

public final class VpsInventory implements VpsInventoryQuery {
    private final Transactions transactions;
    private final Fleet fleet;

    public VpsInventory(Transactions transactions, Fleet fleet) {
        this.transactions = transactions;
        this.fleet = fleet;
    }

    @Override
    public List<Vps> list(Optional<UUID> instanceId, Optional<PowerState> state, Optional<String> host, int limit) {
        if (limit < 1 || limit > VpsFilter.MOST) {
            throw new InvalidRequestException("limit must be 1 to " + VpsFilter.MOST);
        }
        Host named = host.map(this::hostNamed).orElse(null);
        VpsFilter filter = new VpsFilter(instanceId.orElse(null), state.orElse(null),
                named == null ? null : named.name(), named == null ? null : named.technology(),
                named != null && fleet.holds(named, null), limit);
        // A VPS stored before hosts were named lives on the first host of its technology: say which.
        return transactions.inTransaction(repositories -> repositories.vpses().list(filter)).stream()
                .map(vps -> vps.host() == null ? vps.placedOn(fleet.hostOf(vps).name()) : vps)
                .toList();
    }

    private Host hostNamed(String name) {
        List<Host> matching = fleet.all().stream()
                .filter(host -> host.name().equals(name) || host.drainScope().equals(name)).toList();
        if (matching.size() != 1) {
            throw new InvalidRequestException(matching.isEmpty()
                    ? "no host " + name + "; the hosts are " + String.join(", ", fleet.all().stream().map(Host::drainScope).toList())
                    : "two hosts are named " + name + ": say container:" + name + " or hypervisor:" + name);
        }
        return matching.get(0);
    }
}
