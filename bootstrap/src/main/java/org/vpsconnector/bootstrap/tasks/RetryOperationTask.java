package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;

/** {@code POST /tasks/retry-operation?id=UUID}: accepts a failed operation again, for the driver to run. */
public class RetryOperationTask extends Task {
    private final ManageOperationsUseCase operations;
    private final ObjectMapper json;

    public RetryOperationTask(ManageOperationsUseCase operations, ObjectMapper json) {
        super("retry-operation");
        this.operations = operations;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        output.println(json.writeValueAsString(operations.retry(TaskParameters.uuid(parameters, "id"))));
    }
}
