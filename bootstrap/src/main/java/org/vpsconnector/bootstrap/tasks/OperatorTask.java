package org.vpsconnector.bootstrap.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.domain.InvalidRequestException;

/**
 * A task an operator calls on the admin port. A request it refuses (a bad parameter, an unknown
 * id, a conflict, the database away) is answered with its status and one JSON object
 * {@code {"code", "type", "message"}}, like the APS errors, having changed nothing; anything else
 * a task throws stays Dropwizard's 500.
 */
abstract class OperatorTask extends Task {
    protected final ObjectMapper json;

    protected OperatorTask(String name, ObjectMapper json) {
        super(name);
        this.json = json;
    }

    protected OperatorTask(String name, String responseContentType, ObjectMapper json) {
        super(name, responseContentType);
        this.json = json;
    }

    /** What the task does; it writes its answer only once it has checked its parameters. */
    protected abstract void run(Map<String, List<String>> parameters, PrintWriter output) throws Exception;

    @Override
    public final void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        try {
            run(parameters, output);
        } catch (TaskParameters.BadParameterException | InvalidRequestException bad) {
            refuse(output, 400, "BadRequest", bad.getMessage());
        } catch (NotFoundException unknown) {
            refuse(output, 404, "NotFound", unknown.getMessage());
        } catch (ConflictException conflict) {
            refuse(output, 409, "Conflict", conflict.getMessage());
        } catch (RepositoryUnavailableException | ServiceUnavailableException unavailable) {
            refuse(output, 503, "ServiceUnavailable", unavailable.getMessage());
        }
    }

    private void refuse(PrintWriter output, int code, String type, String message) throws Exception {
        TaskAnswers.status(code);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("type", type);
        error.put("message", message);
        output.println(json.writeValueAsString(error));
    }
}
