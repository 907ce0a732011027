package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.UUID;

/** The operations of one VPS with their histories, the newest first: what happened to it and why. */
public interface VpsHistoryQuery {

    List<OperationHistory> history(UUID vpsId, int limit);
}
