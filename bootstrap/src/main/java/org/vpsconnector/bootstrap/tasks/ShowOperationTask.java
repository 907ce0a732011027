package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;

/**
 * {@code POST /tasks/show-operation?id=UUID}: one operation, its VPS (with the host it lives on) and
 * every transition in order, as one JSON object {@code {"operation", "vps", "transitions"}}.
 */
public class ShowOperationTask extends OperatorTask {
    private final ManageOperationsUseCase operations;

    public ShowOperationTask(ManageOperationsUseCase operations, ObjectMapper json) {
        super("show-operation", "application/json", json);
        this.operations = operations;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "id");
        output.println(json.writeValueAsString(OperationJson.history(operations.show(TaskParameters.uuid(parameters, "id")))));
    }
}
