package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.DrainUseCase;

/**
 * {@code POST /tasks/drain?reason=...}: no new VPS until {@code undrain}; work in flight finishes,
 * reads and polls go on, new provisions are answered 503. {@code &host=container:NAME} or
 * {@code hypervisor:NAME} drains one host instead: no new VPS is placed there. Answers the drains in force.
 */
public class DrainTask extends Task {
    private final DrainUseCase drains;
    private final ObjectMapper json;

    public DrainTask(DrainUseCase drains, ObjectMapper json) {
        super("drain", "application/json");
        this.drains = drains;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        output.println(json.writeValueAsString(drains.drain(TaskParameters.optional(parameters, "host"),
                TaskParameters.optional(parameters, "reason").orElse(null))));
    }
}
