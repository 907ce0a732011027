package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.BoundedCalls;

/**
 * Turns what docker-java throws into {@link BackendException}s: an engine that cannot be reached
 * or fails on its side is worth a retry; a request the engine refuses is not. Every call runs
 * within the call timeout: docker-java's own timeouts do not hold on a unix socket, where a read
 * from an engine that accepted the connection and never answers blocks for ever.
 */
final class DockerFailures {
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"(.*?)\"");

    private final String dockerHost;
    private final BoundedCalls calls;

    DockerFailures(String dockerHost, BoundedCalls calls) {
        this.dockerHost = dockerHost;
        this.calls = calls;
    }

    /** Runs one call to the engine; {@code action} says what it was for, in the failure message. */
    <T> T during(String action, Supplier<T> call) {
        return calls.call(action, () -> translated(action, call));
    }

    private <T> T translated(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (DockerException answered) {
            throw fromAnswer(action, answered);
        } catch (RuntimeException failure) {
            if (causedByIo(failure)) {
                throw BackendException.transientFailure("Docker engine at " + dockerHost + " unreachable: "
                        + rootMessage(failure) + " (while trying to " + action + ")", failure);
            }
            throw failure;
        }
    }

    void during(String action, Runnable call) {
        during(action, () -> {
            call.run();
            return null;
        });
    }

    private BackendException fromAnswer(String action, DockerException answered) {
        int status = answered.getHttpStatus();
        String message = engineMessage(answered);
        if (status >= 400 && status < 500) {
            return BackendException.permanentFailure("Docker engine refused to " + action + ": " + message, answered);
        }
        return BackendException.transientFailure("Docker engine failed to " + action + " (HTTP " + status + "): "
                + message, answered);
    }

    /** The engine's own words, without docker-java's "Status 404: {...}" wrapping. */
    static String engineMessage(DockerException answered) {
        String text = String.valueOf(answered.getMessage());
        Matcher json = ENGINE_MESSAGE.matcher(text);
        return json.find() ? json.group(1) : text.strip();
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The message of the failure's root cause, else the root cause's kind. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
