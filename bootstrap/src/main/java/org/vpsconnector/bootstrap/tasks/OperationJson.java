package org.vpsconnector.bootstrap.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * Operations, their VPSes and transitions as the operation tasks print them. The representation an
 * operation must reach is left out: it carries the customer's login.
 */
final class OperationJson {
    private OperationJson() {
    }

    static Map<String, Object> operation(Operation operation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", operation.id());
        json.put("vpsId", operation.vpsId());
        json.put("kind", operation.kind());
        json.put("status", operation.status());
        json.put("attempts", operation.attempts());
        json.put("nextAttemptAt", text(operation.nextAttemptAt()));
        json.put("lastError", operation.lastError());
        json.put("info", operation.info());
        json.put("createdAt", text(operation.createdAt()));
        json.put("updatedAt", text(operation.updatedAt()));
        json.put("transactionId", operation.transactionId());
        return json;
    }

    /** {@code host}: where the VPS lives, the first host of its technology when it names none. */
    static Map<String, Object> vps(Vps vps, String host) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", vps.id());
        json.put("instance", vps.instanceId());
        json.put("technology", vps.technology() == Technology.CONTAINER ? "container" : "vm");
        json.put("host", host);
        json.put("hostRecorded", vps.host() != null);
        json.put("lifecycle", vps.lifecycle());
        json.put("state", vps.state().apsName());
        return json;
    }

    static Map<String, Object> transition(OperationTransition transition) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", transition.from());
        json.put("to", transition.to());
        json.put("attempts", transition.attempts());
        json.put("info", transition.info());
        json.put("at", text(transition.at()));
        return json;
    }

    static Map<String, Object> history(OperationHistory history) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("operation", operation(history.operation()));
        json.put("vps", vps(history.vps(), history.host()));
        List<Map<String, Object>> transitions = history.transitions().stream().map(OperationJson::transition).toList();
        json.put("transitions", transitions);
        return json;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
