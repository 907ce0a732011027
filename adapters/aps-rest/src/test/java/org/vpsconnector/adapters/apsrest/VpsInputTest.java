package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.hardwareOf;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.VpsSpec;

/** A VPS body that is not what §1 describes is refused with 400 before any use case is called. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VpsInputTest {
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), new FakeContexts(), vpses);

    static Stream<Arguments> invalidVpses() {
        return Stream.of(
                invalid("no hardware", body -> body.remove("hardware"), "InvalidRequest", "hardware is missing"),
                invalid("no memory", body -> hardwareOf(body).remove("memory"), "InvalidRequest", "hardware.memory is missing"),
                invalid("null memory", body -> hardwareOf(body).putNull("memory"), "InvalidRequest", "hardware.memory is missing"),
                invalid("no diskspace", body -> hardwareOf(body).remove("diskspace"), "InvalidRequest", "hardware.diskspace is missing"),
                invalid("no CPU", body -> hardwareOf(body).remove("CPU"), "InvalidRequest", "hardware.CPU is missing"),
                invalid("no CPU.number", body -> hardwareOf(body).with("CPU").remove("number"), "InvalidRequest", "hardware.CPU.number is missing"),
                invalid("no VM", body -> hardwareOf(body).remove("VM"), "InvalidRequest", "hardware.VM is missing"),
                invalid("cpu in lower case", body -> hardwareOf(body).set("cpu", hardwareOf(body).remove("CPU")), "InvalidRequest", "hardware.CPU is missing"),
                invalid("zero memory", body -> hardwareOf(body).put("memory", 0), "InvalidRequest", "hardware.memory"),
                invalid("negative memory", body -> hardwareOf(body).put("memory", -4), "InvalidRequest", "hardware.memory"),
                invalid("zero diskspace", body -> hardwareOf(body).put("diskspace", 0), "InvalidRequest", "hardware.diskspace"),
                invalid("negative CPUs", body -> hardwareOf(body).with("CPU").put("number", -1), "InvalidRequest", "hardware.CPU.number"),
                invalid("memory as words", body -> hardwareOf(body).put("memory", "lots"), "InvalidJson", "hardware.memory must be an integer"),
                invalid("memory as a fraction", body -> hardwareOf(body).put("memory", 2.5), "InvalidJson", "hardware.memory must be an integer, got 2.5"),
                invalid("memory as a string of digits", body -> hardwareOf(body).put("memory", "1"), "InvalidJson", "hardware.memory must be an integer"),
                invalid("memory as a boolean", body -> hardwareOf(body).put("memory", true), "InvalidJson", "hardware.memory must be an integer"),
                invalid("memory beyond an int", body -> hardwareOf(body).put("memory", 99_999_999_999L), "InvalidJson", "hardware.memory: Numeric value (99999999999) out of range"),
                invalid("VM as words", body -> hardwareOf(body).put("VM", "yes"), "InvalidJson", "hardware.VM must be true or false"),
                invalid("VM as a string", body -> hardwareOf(body).put("VM", "true"), "InvalidJson", "hardware.VM must be true or false"),
                invalid("VM as a number", body -> hardwareOf(body).put("VM", 1), "InvalidJson", "hardware.VM must be true or false"),
                invalid("name as a number", body -> body.put("name", 5), "InvalidJson", "name must be a string"),
                invalid("hardware as a string", body -> body.put("hardware", "big"), "InvalidJson", "hardware must be an object"),
                invalid("no aps", body -> body.remove("aps"), "InvalidRequest", "aps.id is missing"),
                invalid("no aps.id", body -> body.with("aps").remove("id"), "InvalidRequest", "aps.id is missing"),
                invalid("aps.id no UUID", body -> body.with("aps").put("id", "web-01"), "InvalidRequest", "aps.id must be a UUID"),
                invalid("aps.id a number", body -> body.with("aps").put("id", 42), "InvalidJson", "aps.id must be a string"),
                invalid("context id no UUID", body -> body.with("context").with("aps").put("id", "ctx"), "InvalidRequest", "context.aps.id must be a UUID"),
                invalid("subscription no UUID", body -> body.with("aps").put("subscription", "sub"), "InvalidRequest", "aps.subscription must be a UUID"));
    }

    private static Arguments invalid(String what, Consumer<ObjectNode> edit, String type, String message) {
        return Arguments.of(what, Fixtures.edited("vps-container.json", edit), type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVpses")
    void aProvisionWithAnInvalidBodyIs400(String what, String body, String type, String message) {
        assertThat(assertApsError(sync(api, "/vpses").post(json(body)), 400, type)).contains(message);
        assertThat(vpses.changes).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVpses")
    void aConfigurationWithAnInvalidBodyIs400(String what, String body, String type, String message) {
        vpses.ready(INSTANCE, CONTAINER_VPS, new VpsSpec("web-01", null, new Hardware(1, 10, 1, false), null, null, null),
                PowerState.RUNNING);
        if (message.startsWith("aps.id is missing")) {
            return; // a PUT may leave the id to its address
        }

        assertThat(assertApsError(sync(api, "/vpses/" + CONTAINER_VPS).put(json(body)), 400, type)).contains(message);
        assertThat(vpses.changes).isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        String container = Fixtures.read("vps-container.json");
        return Stream.of(
                Arguments.of("cut short", container.substring(0, container.length() / 2), "MalformedJson", "not well-formed JSON"),
                Arguments.of("an open brace", "{", "MalformedJson", "(start marker at line: 1, column: 1) (line 1, column 2)"),
                Arguments.of("trailing comma", container.replace("\"CPU\": {\"number\": 1}", "\"CPU\": {\"number\": 1,}"), "MalformedJson", "(line 10, column 66)"),
                Arguments.of("single quotes", container.replace("\"name\"", "'name'"), "MalformedJson", "not well-formed JSON"),
                Arguments.of("repeated key", container.replace("\"memory\": 1,", "\"memory\": 1, \"memory\": 512,"), "MalformedJson", "memory"),
                Arguments.of("two documents", container + container, "InvalidJson", "a single JSON object"),
                Arguments.of("an array", "[" + container + "]", "InvalidJson", "a single JSON object"),
                Arguments.of("a string", "\"web-01\"", "InvalidJson", "a single JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aBodyThatIsNotOneJsonObjectIs400(String what, String body, String type, String message) {
        assertThat(assertApsError(sync(api, "/vpses").post(json(body)), 400, type)).contains(message);
        assertThat(vpses.changes).isEmpty();
    }

    @Test
    void anEmptyBodyIs400() {
        assertApsError(sync(api, "/vpses").post(json("")), 400, "InvalidRequest");
        assertApsError(sync(api, "/vpses").post(json("null")), 400, "InvalidRequest");
        assertApsError(sync(api, "/vpses").post(Entity.json(null)), 400, "InvalidRequest");
        assertThat(vpses.changes).isEmpty();
    }

    @Test
    void anUnknownRequestPhaseIs400() {
        String message = assertApsError(TestApi.withApsHeaders(api.target("/vpses")).header("APS-Request-Phase", "later")
                .post(json(Fixtures.read("vps-container.json"))), 400, "InvalidRequest");

        assertThat(message).contains("APS-Request-Phase");
        assertThat(vpses.changes).isEmpty();
    }
}
