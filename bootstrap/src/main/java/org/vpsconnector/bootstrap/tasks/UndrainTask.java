package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vpsconnector.application.port.in.DrainUseCase;

/** {@code POST /tasks/undrain}, or {@code ?host=container:NAME}: lifts a drain. Answers the drains still in force. */
public class UndrainTask extends OperatorTask {
    private final DrainUseCase drains;

    public UndrainTask(DrainUseCase drains, ObjectMapper json) {
        super("undrain", "application/json", json);
        this.drains = drains;
    }

    @Override
    protected void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        TaskParameters.onlyKnown(parameters, "host");
        output.println(json.writeValueAsString(drains.undrain(Optional.ofNullable(TaskParameters.single(parameters, "host")))));
    }
}
