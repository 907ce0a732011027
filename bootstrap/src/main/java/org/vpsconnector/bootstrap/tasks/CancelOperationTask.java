package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;
import org.vpsconnector.application.port.in.OperationCancellation;

/**
 * {@code POST /tasks/cancel-operation?id=UUID[&reason=TEXT]}: cancels an operation that is not
 * finished and cleans up after it; answers {@code {"operation", "vps", "cleanup", "leftover"}}, where
 * {@code leftover} names what a host that could not be reached still holds (null when nothing).
 */
public class CancelOperationTask extends OperatorTask {
    private final ManageOperationsUseCase operations;

    public CancelOperationTask(ManageOperationsUseCase operations, ObjectMapper json) {
        super("cancel-operation", "application/json", json);
        this.operations = operations;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "id", "reason");
        CancelOperationCommand command = new CancelOperationCommand(TaskParameters.uuid(parameters, "id"),
                TaskParameters.single(parameters, "reason"));
        OperationCancellation cancellation = operations.cancel(command);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operation", OperationJson.operation(cancellation.operation()));
        answer.put("vps", OperationJson.vps(cancellation.vps(), cancellation.vps().host()));
        answer.put("cleanup", cancellation.cleanup());
        answer.put("leftover", cancellation.leftover());
        output.println(json.writeValueAsString(answer));
    }
}
