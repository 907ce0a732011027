package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
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
public class ReconcileTask extends OperatorTask {
    private final ReconcileUseCase reconciler;

    public ReconcileTask(ReconcileUseCase reconciler, ObjectMapper json) {
        super("reconcile", "application/json", json);
        this.reconciler = reconciler;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "apply", "id");
        ReconcileMode mode = TaskParameters.flag(parameters, "apply") ? ReconcileMode.APPLY : ReconcileMode.DRY_RUN;
        Optional<UUID> only = Optional.ofNullable(TaskParameters.optionalUuid(parameters, "id"));
        output.println(json.writeValueAsString(reconciler.reconcile(mode, only)));
    }
}
