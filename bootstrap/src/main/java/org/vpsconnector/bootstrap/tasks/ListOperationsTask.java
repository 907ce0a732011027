package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;

/**
 * {@code POST /tasks/operations[?status=S][&kind=K][&instance=UUID][&host=NAME][&limit=N]}: the
 * newest operations that meet every filter given, one JSON object a line (also served as
 * {@code list-operations}).
 */
public class ListOperationsTask extends OperatorTask {
    private final ManageOperationsUseCase operations;

    public ListOperationsTask(ManageOperationsUseCase operations, ObjectMapper json) {
        this("operations", operations, json);
    }

    public ListOperationsTask(String name, ManageOperationsUseCase operations, ObjectMapper json) {
        super(name, json);
        this.operations = operations;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "status", "kind", "instance", "host", "limit");
        String host = TaskParameters.single(parameters, "host");
        OperationQuery query = new OperationQuery(
                TaskParameters.enumValue(parameters, "status", OperationStatus.class),
                TaskParameters.enumValue(parameters, "kind", OperationKind.class),
                TaskParameters.optionalUuid(parameters, "instance"),
                host == null ? null : host.strip(),
                TaskParameters.intValue(parameters, "limit", OperationQuery.DEFAULT_LIMIT));
        for (Operation operation : operations.list(query)) {
            output.println(json.writeValueAsString(OperationJson.operation(operation)));
        }
    }
}
