package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.emulator.ControllerSession.Outcome;

/**
 * One controller through a VPS's whole life, per technology: install the instance, a context, provision (and its
 * polls), re-send, retrieve, configure, stop, start, unprovision; the refusals the protocol asks for; removal.
 * Every step is checked and printed; the run passes when every step did.
 */
final class Scenario {
    private final ApsClient client;
    private final ApsBodies bodies;
    private final ControllerSession controller;
    private final ScenarioReport report;
    private final ApsClient stranger;

    /** {@code stranger}, when not null, is a client with another certificate that must be refused (certificate mode). */
    Scenario(ApsClient client, ApsBodies bodies, ControllerSession controller, ApsClient stranger, PrintWriter out) {
        this.client = client;
        this.bodies = bodies;
        this.controller = controller;
        this.stranger = stranger;
        this.report = new ScenarioReport(out);
    }

    ScenarioReport play(ObjectNode cloud, List<Technology> technologies) {
        boolean installed = report.step("install the application instance", () -> {
            ApsReply reply = controller.once("install", "POST", "/clouds", cloud);
            expect(reply, 200, 201);
            return "instance " + bodies.instanceId;
        });
        if (!installed) {
            return report;
        }
        report.step("refuse a request without APS-Instance-ID with 400", () -> {
            ApsReply reply = client.send("POST", "/vpses", bodies.vps(UUID.randomUUID(), false, 1, 1).toString(),
                    Map.of("APS-Controller-URI", "https://controller.example.net:6308/", "APS-Request-Phase", "sync"));
            expectError(reply, 400);
            return reply.body().path("message").asText();
        });
        report.step("refuse malformed JSON with 400", () -> {
            ApsReply reply = client.send("POST", "/vpses", "{\"aps\": {", Map.of(
                    "APS-Controller-URI", "https://controller.example.net:6308/",
                    "APS-Instance-ID", bodies.instanceId.toString(), "APS-Request-Phase", "sync"));
            expectError(reply, 400);
            return reply.body().path("message").asText();
        });
        boolean context = report.step("provision the subscription's context", () -> {
            expect(controller.once("provision context", "POST", "/contexts", bodies.context()), 200, 201);
            return "context " + bodies.contextId;
        });
        if (context) {
            for (Technology technology : technologies) {
                lifecycle(technology);
            }
            report.step("answer 404 for a VPS it does not know", () -> {
                expectError(controller.once("retrieve", "GET", "/vpses/" + UUID.randomUUID(), null), 404);
                return "";
            });
            report.step("unprovision the context", () -> {
                expect(controller.operate("unprovision context", "DELETE", "/contexts/" + bodies.contextId, null).last(),
                        200, 204);
                return "";
            });
        }
        report.step("remove the application instance", () -> {
            expect(controller.once("remove instance", "DELETE", "/clouds/" + bodies.instanceId, null), 200, 204);
            return "";
        });
        return report;
    }

    private void lifecycle(Technology technology) {
        UUID id = UUID.randomUUID();
        ObjectNode vps = bodies.vps(id, technology.vm(), 1, 1);
        String path = "/vpses/" + id;
        String name = technology.label();
        boolean provisioned = report.step("provision a " + name, () -> {
            Outcome outcome = controller.operate("provision " + name, "POST", "/vpses", vps);
            if (technology.vm()) {
                expectAccepted(outcome.first());
            }
            expect(outcome.last(), 200, 201);
            expectState(outcome.last(), "Running", "aps:ready");
            expectId(outcome.last(), id);
            return describe(outcome);
        });
        if (!provisioned) {
            return;
        }
        report.step("answer a re-sent provision of the " + name + " with its state, not a second server", () -> {
            ApsReply reply = controller.once("provision " + name, "POST", "/vpses", vps);
            expect(reply, 200, 201);
            expectId(reply, id);
            expectState(reply, "Running", "aps:ready");
            return "";
        });
        report.step("retrieve the " + name, () -> {
            ApsReply reply = controller.once("retrieve " + name, "GET", path, null);
            expect(reply, 200);
            expectId(reply, id);
            check(reply.body().path("hardware").path("VM").asBoolean() == technology.vm(), "hardware.VM is wrong: " + reply.text());
            check(reply.body().path("login").path("password").isMissingNode(), "the answer returns the root password");
            return "state " + reply.state();
        });
        if (stranger != null) {
            report.step("refuse another certificate for the " + name + " with 403", () -> {
                ApsReply reply = stranger.send("GET", path, null, bodies.instanceId, "sync");
                expectError(reply, 403);
                return reply.body().path("message").asText();
            });
        }
        report.step("configure the " + name + " (2 GB, 2 CPUs)", () -> {
            Outcome outcome = controller.operate("configure " + name, "PUT", path, ApsBodies.configured(vps, 2, 2));
            expect(outcome.last(), 200);
            JsonNode hardware = outcome.last().body().path("hardware");
            check(hardware.path("memory").asInt() == 2 && hardware.path("CPU").path("number").asInt() == 2,
                    "the answer does not show the new hardware: " + outcome.last().text());
            return describe(outcome);
        });
        report.step("stop the " + name, () -> {
            Outcome outcome = controller.operate("stop " + name, "GET", path + "/stop", null);
            expect(outcome.last(), 200);
            expectState(outcome.last(), "Stopped", null);
            return describe(outcome);
        });
        report.step("start the " + name, () -> {
            Outcome outcome = controller.operate("start " + name, "GET", path + "/start", null);
            expect(outcome.last(), 200);
            expectState(outcome.last(), "Running", null);
            return describe(outcome);
        });
        report.step("unprovision the " + name, () -> {
            Outcome outcome = controller.operate("unprovision " + name, "DELETE", path, null);
            expect(outcome.last(), 200, 204);
            return describe(outcome);
        });
        report.step("answer 404 for the unprovisioned " + name, () -> {
            expectError(controller.once("retrieve " + name, "GET", path, null), 404);
            return "";
        });
    }

    private static String describe(Outcome outcome) {
        return outcome.first().status() + (outcome.polls() == 0 ? "" : " then " + outcome.polls() + " poll(s)")
                + " → " + outcome.last().status() + " in " + outcome.elapsed().toMillis() + " ms";
    }

    private static void expect(ApsReply reply, int... statuses) {
        for (int status : statuses) {
            if (reply.status() == status) {
                return;
            }
        }
        throw new StepFailure("expected " + java.util.Arrays.toString(statuses) + ", got " + reply.summary());
    }

    private static void expectAccepted(ApsReply reply) {
        expect(reply, 202);
        check(reply.retryTimeoutSeconds() >= 1, "a 202 without a whole APS-Retry-Timeout: " + reply.retryTimeout());
        check(reply.info() != null && !reply.info().isBlank(), "a 202 without APS-Info");
        check(reply.state().equals("Creating"), "a 202 that does not show the state Creating: " + reply.summary());
    }

    private static void expectError(ApsReply reply, int status) {
        expect(reply, status);
        check(reply.isApsError(), "not an APS error body (code, type, message): " + reply.summary());
    }

    private static void expectState(ApsReply reply, String state, String apsStatus) {
        check(reply.state().equals(state), "expected state " + state + ", got " + reply.summary());
        check(apsStatus == null || reply.apsStatus().equals(apsStatus), "expected aps.status " + apsStatus + ", got " + reply.summary());
    }

    private static void expectId(ApsReply reply, UUID id) {
        check(reply.body().path("aps").path("id").asText().equals(id.toString()), "the answer is about another resource: " + reply.summary());
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new StepFailure(failure);
        }
    }

    /** A step's check that did not hold. */
    static final class StepFailure extends RuntimeException {
        StepFailure(String message) {
            super(message);
        }
    }
}
