package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ReconcileUseCase;

/** {@code POST /tasks/reconcile}: removes leftovers of failed and deleted VPSes, records drifted power states. */
public class ReconcileTask extends Task {
    private final ReconcileUseCase reconciler;
    private final ObjectMapper json;

    public ReconcileTask(ReconcileUseCase reconciler, ObjectMapper json) {
        super("reconcile");
        this.reconciler = reconciler;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        output.println(json.writeValueAsString(reconciler.reconcile()));
    }
}
