package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;

/** {@code POST /tasks/retry-operation?id=UUID}: accepts a failed operation again, for the driver to run. */
public class RetryOperationTask extends OperatorTask {
    private final ManageOperationsUseCase operations;

    public RetryOperationTask(ManageOperationsUseCase operations, ObjectMapper json) {
        super("retry-operation", json);
        this.operations = operations;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "id");
        output.println(json.writeValueAsString(OperationJson.operation(operations.retry(TaskParameters.uuid(parameters, "id")))));
    }
}
