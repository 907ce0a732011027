package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.in.DrainUseCase;

/** {@code POST /tasks/undrain}, or {@code ?host=container:NAME}: lifts a drain. Answers the drains still in force. */
public class UndrainTask extends Task {
    private final DrainUseCase drains;
    private final ObjectMapper json;

    public UndrainTask(DrainUseCase drains, ObjectMapper json) {
        super("undrain", "application/json");
        this.drains = drains;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        output.println(json.writeValueAsString(drains.undrain(TaskParameters.optional(parameters, "host"))));
    }
}
