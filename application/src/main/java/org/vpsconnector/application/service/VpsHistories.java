package org.vpsconnector.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.port.in.VpsHistoryQuery;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

public final class VpsHistories implements VpsHistoryQuery {
    public static final int MOST = 200;

    private final Transactions transactions;
    private final Fleet fleet;

    public VpsHistories(Transactions transactions, Fleet fleet) {
        this.transactions = transactions;
        this.fleet = fleet;
    }

    @Override
    public List<OperationHistory> history(UUID vpsId, int limit) {
        if (limit < 1 || limit > MOST) {
            throw new InvalidRequestException("limit must be 1 to " + MOST);
        }
        return transactions.inTransaction(repositories -> {
            Vps vps = repositories.vpses().find(vpsId).orElseThrow(() -> new NotFoundException("no VPS " + vpsId));
            String host = vps.host() == null ? fleet.hosts(vps.technology()).get(0).name() : vps.host();
            List<OperationHistory> histories = new ArrayList<>();
            for (Operation operation : repositories.operations().listForVps(vpsId, limit)) {
                histories.add(new OperationHistory(operation, vps, host, repositories.transitions().forOperation(operation.id())));
            }
            return histories;
        });
    }
}
