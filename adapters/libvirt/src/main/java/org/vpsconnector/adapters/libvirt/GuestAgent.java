package org.vpsconnector.adapters.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.BackendException;

/**
 * Talks to a guest's QEMU guest agent through libvirt ({@code virDomainQemuAgentCommand}), so it
 * works the same for a libvirt host that is not the connector's own machine.
 */
final class GuestAgent {

    /** cloud-init writes it when its last stage has finished, at every boot ({@code /run} is a tmpfs). */
    static final String CLOUD_INIT_RESULT = "/run/cloud-init/result.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMAND_TIMEOUT_SECONDS = 5;
    private static final Duration EXEC_POLL = Duration.ofMillis(200);

    private GuestAgent() {
    }

    /** Whether the agent answers a ping; false while the guest boots (no agent yet) or has none. */
    static boolean answers(Domain domain) throws LibvirtException {
        try {
            command(domain, "guest-ping", null);
            return true;
        } catch (LibvirtException e) {
            if (LibvirtFailures.connectionLost(e)) {
                throw e;
            }
            return false;
        }
    }

    /** Whether cloud-init has finished this boot: its result file exists. */
    static boolean cloudInitFinished(Domain domain) throws LibvirtException {
        long handle;
        try {
            ObjectNode arguments = JSON.createObjectNode().put("path", CLOUD_INIT_RESULT).put("mode", "r");
            handle = command(domain, "guest-file-open", arguments).asLong();
        } catch (LibvirtException e) {
            if (LibvirtFailures.connectionLost(e)) {
                throw e;
            }
            return false;
        }
        command(domain, "guest-file-close", JSON.createObjectNode().put("handle", handle));
        return true;
    }

    /** Asks the guest's operating system to power off; false when the agent does not answer. */
    static boolean shutdown(Domain domain) throws LibvirtException {
        try {
            command(domain, "guest-shutdown", JSON.createObjectNode().put("mode", "powerdown"));
            return true;
        } catch (LibvirtException e) {
            if (LibvirtFailures.connectionLost(e)) {
                throw e;
            }
            return false;
        }
    }

    /** Runs a shell script as root in the guest and waits until it ends; fails when it fails. */
    static void runScript(Domain domain, String what, String script, Duration timeout) throws LibvirtException {
        ObjectNode arguments = JSON.createObjectNode().put("path", "/bin/sh").put("capture-output", true);
        arguments.putArray("arg").add("-c").add(script);
        long pid = command(domain, "guest-exec", arguments).path("pid").asLong();
        long giveUpNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = command(domain, "guest-exec-status", JSON.createObjectNode().put("pid", pid));
            if (status.path("exited").asBoolean()) {
                int exitCode = status.path("exitcode").asInt(-1);
                if (exitCode != 0) {
                    throw BackendException.transientFailure("the guest failed to " + what + " (exit " + exitCode + "): "
                            + decode(status.path("err-data").asText("")), null);
                }
                return;
            }
            if (System.nanoTime() > giveUpNanos) {
                throw BackendException.transientFailure("the guest did not " + what + " within " + timeout, null);
            }
            sleep(EXEC_POLL);
        }
    }

    private static JsonNode command(Domain domain, String execute, JsonNode arguments) throws LibvirtException {
        ObjectNode command = JSON.createObjectNode().put("execute", execute);
        if (arguments != null) {
            command.set("arguments", arguments);
        }
        String answer = domain.qemuAgentCommand(command.toString(), COMMAND_TIMEOUT_SECONDS, 0);
        try {
            return answer == null ? JSON.nullNode() : JSON.readTree(answer).path("return");
        } catch (IOException e) {
            throw BackendException.transientFailure("the guest agent answered " + execute + " with what is not JSON", e);
        }
    }

    private static String decode(String base64) {
        try {
            String text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).strip();
            List<String> lines = text.lines().toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure("interrupted while waiting for the guest agent", e);
        }
    }
}
