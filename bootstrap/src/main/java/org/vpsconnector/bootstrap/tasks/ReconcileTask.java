package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.ReconcileUseCase;

/**
 * {@code POST /tasks/reconcile}: reports orphans, missing servers and power-state drift as JSON,
 * changing nothing; {@code ?apply=true} repairs them, {@code &id=UUID} only those of one VPS.
 */
public class ReconcileTask extends Task {
    private final ReconcileUseCase reconciler;
    private final ObjectMapper json;

    public ReconcileTask(ReconcileUseCase reconciler, ObjectMapper json) {
        super("reconcile", "application/json");
        this.reconciler = reconciler;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        ReconcileMode mode = TaskParameters.flag(parameters, "apply") ? ReconcileMode.APPLY : ReconcileMode.DRY_RUN;
        Optional<UUID> only = parameters.containsKey("id") ? Optional.of(TaskParameters.uuid(parameters, "id")) : Optional.empty();
        output.println(json.writeValueAsString(reconciler.reconcile(mode, only)));
    }
}
