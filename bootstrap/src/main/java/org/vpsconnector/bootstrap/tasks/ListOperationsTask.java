package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;

/** {@code POST /tasks/operations[?limit=N]}: the newest operations, one JSON object a line. */
public class ListOperationsTask extends Task {
    private final ManageOperationsUseCase operations;
    private final ObjectMapper json;

    public ListOperationsTask(ManageOperationsUseCase operations, ObjectMapper json) {
        super("operations");
        this.operations = operations;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        int limit = TaskParameters.intValue(parameters, "limit", 50);
        for (var operation : operations.listRecent(limit)) {
            output.println(json.writeValueAsString(operation));
        }
    }
}
