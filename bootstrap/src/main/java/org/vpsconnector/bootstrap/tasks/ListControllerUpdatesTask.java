package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.callback.PendingControllerUpdates;
import org.vpsconnector.application.port.out.ControllerUpdate;

/**
 * {@code POST /tasks/controller-updates[?limit=N]}: the updates not yet delivered to the
 * controllers, oldest first, one JSON object a line (the representation itself is left out).
 */
public class ListControllerUpdatesTask extends OperatorTask {
    private final PendingControllerUpdates pending;

    public ListControllerUpdatesTask(PendingControllerUpdates pending, ObjectMapper json) {
        super("controller-updates", json);
        this.pending = pending;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "limit");
        int limit = TaskParameters.intValue(parameters, "limit", 50);
        if (limit < 1 || limit > 1000) {
            throw new TaskParameters.BadParameterException("limit must be between 1 and 1000, not " + limit);
        }
        for (ControllerUpdate update : pending.list(limit)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", update.id());
            line.put("resource", update.resourceId());
            line.put("instance", update.instanceId());
            line.put("transaction", update.transactionId());
            line.put("attempts", update.attempts());
            line.put("lastError", update.lastError());
            line.put("nextAttemptAt", update.nextAttemptAt().toString());
            line.put("createdAt", update.createdAt().toString());
            output.println(json.writeValueAsString(line));
        }
    }
}
