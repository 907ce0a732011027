package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vpsconnector.application.port.in.DrainUseCase;

/**
 * {@code POST /tasks/drain?reason=...}: no new VPS until {@code undrain}; work in flight finishes,
 * reads and polls go on, new provisions are answered 503. {@code &host=container:NAME} or
 * {@code hypervisor:NAME} drains one host instead: no new VPS is placed there. Answers the drains in force.
 */
public class DrainTask extends OperatorTask {
    private final DrainUseCase drains;

    public DrainTask(DrainUseCase drains, ObjectMapper json) {
        super("drain", "application/json", json);
        this.drains = drains;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "host", "reason");
        output.println(json.writeValueAsString(drains.drain(Optional.ofNullable(TaskParameters.single(parameters, "host")),
                TaskParameters.single(parameters, "reason"))));
    }
}
