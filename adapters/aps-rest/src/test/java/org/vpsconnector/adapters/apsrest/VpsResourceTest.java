package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTEXT;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.SUBSCRIPTION;
import static org.vpsconnector.adapters.apsrest.Fixtures.UNKNOWN;
import static org.vpsconnector.adapters.apsrest.Fixtures.VM_VPS;
import static org.vpsconnector.adapters.apsrest.TestApi.async;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.VpsSpec;

@ExtendWith(DropwizardExtensionsSupport.class)
class VpsResourceTest {
    private static final VpsSpec CONTAINER_SPEC = new VpsSpec("web-01", "shop front end", new Hardware(1, 10, 1, false),
            new Platform("x86_64", "debian", "12"), CONTEXT, SUBSCRIPTION);
    private static final VpsSpec VM_SPEC = new VpsSpec("db-01", "database server with its own kernel",
            new Hardware(2, 20, 2, true), new Platform("x86_64", "debian", "12"), CONTEXT, SUBSCRIPTION);

    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), new FakeContexts(), vpses);

    @Nested
    class Provision {
        @Test
        void aContainerIsDoneInTheRequestAndAnswered200WithItsRepresentation() {
            Response response = sync(api, "/vpses").post(json(Fixtures.read("vps-container.json")));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree("""
                    {"aps": {"id": "9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a",
                             "type": "http://aps-standard.org/samples/async1p/vps/1.0",
                             "status": "aps:ready",
                             "subscription": "a3c1e5f7-0b2d-4e6f-8a1c-3e5f7a9b1d3f"},
                     "name": "web-01",
                     "description": "shop front end",
                     "state": "Running",
                     "hardware": {"memory": 1, "diskspace": 10, "CPU": {"number": 1}, "VM": false},
                     "platform": {"arch": "x86_64", "OS": {"name": "debian", "version": "12"}},
                     "context": {"aps": {"link": "strong", "id": "5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f"}},
                     "suspended": false}
                    """));
            assertThat(vpses.changes).containsExactly(new Call("provision",
                    new ProvisionVpsCommand(INSTANCE, CONTAINER_VPS, RequestPhase.SYNC, CONTAINER_SPEC,
                            "7d1b0e9e-5d3c-4f0e-a1f6-2c9d6f0b8e41")));
        }

        @Test
        void aVmIsAccepted202WithRetryTimeoutInfoAndTheRepresentationAsItStands() {
            Response response = sync(api, "/vpses").post(json(Fixtures.read("vps-vm.json")));

            assertThat(response.getStatus()).isEqualTo(202);
            assertThat(response.getHeaderString("APS-Retry-Timeout")).isEqualTo("30");
            assertThat(response.getHeaderString("APS-Info")).isEqualTo("PROVISION accepted");
            JsonNode body = Fixtures.tree(response.readEntity(String.class));
            assertThat(body.at("/aps/id").textValue()).isEqualTo(VM_VPS.toString());
            assertThat(body.at("/aps/status").textValue()).isEqualTo("aps:provisioning");
            assertThat(body.at("/state").textValue()).isEqualTo("Creating");
            assertThat(body.at("/hardware/VM").booleanValue()).isTrue();
        }

        @Test
        void theAsyncPollOfAnAcceptedVmIsAnswered200WhenDone() {
            sync(api, "/vpses").post(json(Fixtures.read("vps-vm.json"))).close();

            Response poll = async(api, "/vpses").post(json(Fixtures.read("vps-vm.json")));

            assertThat(poll.getStatus()).isEqualTo(200);
            JsonNode body = Fixtures.tree(poll.readEntity(String.class));
            assertThat(body.at("/aps/status").textValue()).isEqualTo("aps:ready");
            assertThat(body.at("/state").textValue()).isEqualTo("Running");
            assertThat(vpses.changes).extracting(call -> ((ProvisionVpsCommand) call.argument()).phase())
                    .containsExactly(RequestPhase.SYNC, RequestPhase.ASYNC);
        }

        @Test
        void aFailedProvisionIsAnswered500WithItsInfoAsMessage() {
            vpses.failWith("the hypervisor has no room for 2 GB");

            Response response = async(api, "/vpses").post(json(Fixtures.read("vps-vm.json")));

            assertThat(assertApsError(response, 500, "OperationFailed")).isEqualTo("the hypervisor has no room for 2 GB");
        }

        @Test
        void aKnownIdWithOtherPropertiesIsAConflict() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);
            String bigger = Fixtures.edited("vps-container.json", body -> Fixtures.hardwareOf(body).put("memory", 8));

            assertApsError(sync(api, "/vpses").post(json(bigger)), 409, "Conflict");
        }

        @Test
        void propertiesOnlyTheControllerKeepsAreIgnored() {
            String withControllerProperties = Fixtures.edited("vps-container.json", body -> {
                body.put("state", "Running");
                body.with("aps").put("revision", 4).put("modified", "2026-11-25T10:15:00Z");
                body.put("somethingNew", true);
            });

            assertThat(sync(api, "/vpses").post(json(withControllerProperties)).getStatus()).isEqualTo(200);
        }
    }

    @Nested
    class Retrieve {
        @Test
        void aKnownVpsIsAnswered200WithItsRepresentation() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.STOPPED);

            Response response = sync(api, "/vpses/" + VM_VPS).get();

            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode body = Fixtures.tree(response.readEntity(String.class));
            assertThat(body.at("/state").textValue()).isEqualTo("Stopped");
            assertThat(body.at("/hardware/CPU/number").intValue()).isEqualTo(2);
            assertThat(body.at("/platform/OS/name").textValue()).isEqualTo("debian");
        }

        @Test
        void absentPropertiesAreLeftOutNotNull() {
            vpses.ready(INSTANCE, CONTAINER_VPS, new VpsSpec(null, null, new Hardware(1, 10, 1, false), null, null, null),
                    PowerState.RUNNING);

            JsonNode body = Fixtures.tree(sync(api, "/vpses/" + CONTAINER_VPS).get(String.class));

            assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("aps", "state", "hardware", "suspended");
            assertThat(body.get("aps").fieldNames()).toIterable().containsExactlyInAnyOrder("id", "type", "status");
        }

        @Test
        void anUnknownVpsIs404() {
            assertApsError(sync(api, "/vpses/" + UNKNOWN).get(), 404, "NotFound");
        }

        @Test
        void anIdThatIsNoUuidIs404() {
            assertApsError(sync(api, "/vpses/web-01").get(), 404, "NotFound");
        }
    }

    @Nested
    class Configure {
        @Test
        void aContainerIsReconfiguredInTheRequest() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);
            String bigger = Fixtures.edited("vps-container.json", body -> Fixtures.hardwareOf(body).put("memory", 2));

            Response response = sync(api, "/vpses/" + CONTAINER_VPS).put(json(bigger));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(response.readEntity(String.class)).at("/hardware/memory").intValue()).isEqualTo(2);
            assertThat(vpses.changes).extracting(Call::operation).containsExactly("configure");
        }

        @Test
        void aVmIsAccepted202ThenDoneOnThePoll() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.RUNNING);
            String update = Fixtures.read("vps-configure.json");

            Response accepted = sync(api, "/vpses/" + VM_VPS).put(json(update));
            assertThat(accepted.getStatus()).isEqualTo(202);
            assertThat(accepted.getHeaderString("APS-Retry-Timeout")).isEqualTo("30");
            assertThat(accepted.getHeaderString("APS-Info")).isEqualTo("CONFIGURE accepted");
            assertThat(Fixtures.tree(accepted.readEntity(String.class)).at("/aps/status").textValue()).isEqualTo("aps:configuring");

            Response done = async(api, "/vpses/" + VM_VPS).put(json(update));
            assertThat(done.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(done.readEntity(String.class)).at("/hardware/memory").intValue()).isEqualTo(4);
        }

        @Test
        void aBodyWithoutAnIdConfiguresTheVpsOfTheAddress() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);
            String withoutId = Fixtures.edited("vps-container.json", body -> body.with("aps").remove("id"));

            assertThat(sync(api, "/vpses/" + CONTAINER_VPS).put(json(withoutId)).getStatus()).isEqualTo(200);
        }

        @Test
        void aBodyForAnotherVpsIs400() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.RUNNING);

            String message = assertApsError(sync(api, "/vpses/" + VM_VPS).put(json(Fixtures.read("vps-container.json"))),
                    400, "InvalidRequest");

            assertThat(message).contains("aps.id");
            assertThat(vpses.changes).isEmpty();
        }

        @Test
        void aVpsStillBeingProvisionedIsAConflict() {
            sync(api, "/vpses").post(json(Fixtures.read("vps-vm.json"))).close();

            assertApsError(sync(api, "/vpses/" + VM_VPS).put(json(Fixtures.read("vps-configure.json"))), 409, "Conflict");
        }

        @Test
        void anUnknownVpsIs404() {
            assertApsError(sync(api, "/vpses/" + VM_VPS).put(json(Fixtures.read("vps-configure.json"))), 404, "NotFound");
        }
    }

    @Nested
    class Unprovision {
        @Test
        void aContainerIsRemovedInTheRequestAndAnswered204() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            Response response = sync(api, "/vpses/" + CONTAINER_VPS).delete();

            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(response.hasEntity()).isFalse();
            assertThat(vpses.changes).extracting(Call::operation).containsExactly("unprovision");
        }

        @Test
        void aVmIsAccepted202ThenAnswered204OnThePoll() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.RUNNING);

            Response accepted = sync(api, "/vpses/" + VM_VPS).delete();
            assertThat(accepted.getStatus()).isEqualTo(202);
            assertThat(accepted.getHeaderString("APS-Retry-Timeout")).isEqualTo("30");
            assertThat(accepted.getHeaderString("APS-Info")).isEqualTo("UNPROVISION accepted");
            JsonNode body = Fixtures.tree(accepted.readEntity(String.class));
            assertThat(body.at("/aps/status").textValue()).isEqualTo("aps:unprovisioning");
            assertThat(body.at("/state").textValue()).isEqualTo("Deleting");

            assertThat(async(api, "/vpses/" + VM_VPS).delete().getStatus()).isEqualTo(204);
        }

        @Test
        void anIdThereIsNoVpsOfIsAnswered204SoALostAnswerCanBeFinished() {
            Response response = sync(api, "/vpses/" + UNKNOWN).delete();

            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(async(api, "/vpses/" + UNKNOWN).delete().getStatus()).isEqualTo(204);
        }
    }

    @Nested
    class CustomOperations {
        @ParameterizedTest(name = "{0} /vpses/id/{1}")
        @CsvSource({"GET, start, Running", "POST, start, Running", "PUT, start, Running",
                    "GET, stop, Stopped", "POST, stop, Stopped", "PUT, stop, Stopped"})
        void startAndStopAnswerWithAnyOfTheirVerbs(String verb, String operation, String state) {
            PowerState before = operation.equals("start") ? PowerState.STOPPED : PowerState.RUNNING;
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, before);

            Response response = sync(api, "/vpses/" + CONTAINER_VPS + "/" + operation)
                    .method(verb, verb.equals("GET") ? null : json("{}"));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(response.readEntity(String.class)).at("/state").textValue()).isEqualTo(state);
            assertThat(vpses.changes).extracting(Call::operation).containsExactly(operation);
        }

        @Test
        void aStartThatMustWaitForTheGuestIsAccepted202() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.STOPPED);

            Response response = sync(api, "/vpses/" + VM_VPS + "/start").get();

            assertThat(response.getStatus()).isEqualTo(202);
            assertThat(response.getHeaderString("APS-Retry-Timeout")).isEqualTo("30");
            assertThat(response.getHeaderString("APS-Info")).isEqualTo("START accepted");
            assertThat(Fixtures.tree(response.readEntity(String.class)).at("/state").textValue()).isEqualTo("Starting");
        }

        @ParameterizedTest
        @CsvSource({"start", "stop"})
        void anUnknownVpsIs404(String operation) {
            assertApsError(sync(api, "/vpses/" + UNKNOWN + "/" + operation).get(), 404, "NotFound");
        }
    }

    @Nested
    class Suspension {
        @Test
        void disableAndEnableOfAContainerAreDoneInTheRequest() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            Response disabled = sync(api, "/vpses/" + CONTAINER_VPS + "/disable").put(json("{}"));

            assertThat(disabled.getStatus()).isEqualTo(200);
            JsonNode body = Fixtures.tree(disabled.readEntity(String.class));
            assertThat(body.at("/suspended").booleanValue()).isTrue();
            assertThat(body.at("/state").textValue()).isEqualTo("Stopped");

            Response enabled = sync(api, "/vpses/" + CONTAINER_VPS + "/enable").put(json("{}"));

            assertThat(enabled.getStatus()).isEqualTo(200);
            JsonNode after = Fixtures.tree(enabled.readEntity(String.class));
            assertThat(after.at("/suspended").isBoolean()).isTrue();
            assertThat(after.at("/suspended").booleanValue()).isFalse();
            assertThat(after.at("/state").textValue()).isEqualTo("Running");
            assertThat(vpses.changes).extracting(Call::operation).containsExactly("disable", "enable");
        }

        @Test
        void aVmIsAccepted202ThenDoneOnThePoll() {
            vpses.ready(INSTANCE, VM_VPS, VM_SPEC, PowerState.RUNNING);

            Response accepted = sync(api, "/vpses/" + VM_VPS + "/disable").put(json("{}"));

            assertThat(accepted.getStatus()).isEqualTo(202);
            assertThat(accepted.getHeaderString("APS-Retry-Timeout")).isEqualTo("30");
            assertThat(accepted.getHeaderString("APS-Info")).isEqualTo("DISABLE accepted");
            assertThat(Fixtures.tree(accepted.readEntity(String.class)).at("/state").textValue()).isEqualTo("Stopping");
            Response done = async(api, "/vpses/" + VM_VPS + "/disable").put(json("{}"));
            assertThat(done.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(done.readEntity(String.class)).at("/suspended").booleanValue()).isTrue();
        }

        @Test
        void conflictsAreApsErrors() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            assertApsError(sync(api, "/vpses/" + CONTAINER_VPS + "/enable").put(json("{}")), 409, "Conflict");
            sync(api, "/vpses/" + CONTAINER_VPS + "/disable").put(json("{}")).close();
            assertApsError(sync(api, "/vpses/" + CONTAINER_VPS + "/disable").put(json("{}")), 409, "Conflict");
        }

        @Test
        void everyRepresentationSaysWhetherTheVpsIsSuspended() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            JsonNode body = Fixtures.tree(sync(api, "/vpses/" + CONTAINER_VPS).get().readEntity(String.class));

            assertThat(body.has("suspended")).isTrue();
            assertThat(body.get("suspended").booleanValue()).isFalse();
        }

        @ParameterizedTest
        @CsvSource({"true", "false", "'\"yes\"'", "'{\"a\": 1}'"})
        void suspendedInAConfigureBodyIsOursAndIgnored(String given) {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);
            String body = Fixtures.edited("vps-container.json", json -> json.set("suspended", Fixtures.tree(given)));

            Response response = sync(api, "/vpses/" + CONTAINER_VPS).put(json(body));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(response.readEntity(String.class)).at("/suspended").booleanValue()).isFalse();
        }

        @ParameterizedTest
        @CsvSource({"disable", "enable"})
        void anUnknownVpsIs404(String operation) {
            assertApsError(sync(api, "/vpses/" + UNKNOWN + "/" + operation).put(json("{}")), 404, "NotFound");
        }

        @ParameterizedTest(name = "{0} /vpses/id/{1}")
        @CsvSource({"GET, disable", "POST, disable", "DELETE, enable", "POST, enable"})
        void theSuspendableOperationsAreServedOnPutOnly(String verb, String operation) {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            Response response = sync(api, "/vpses/" + CONTAINER_VPS + "/" + operation)
                    .method(verb, verb.equals("POST") ? json("{}") : null);

            assertThat(response.getStatus()).isIn(404, 405);
            assertApsError(response, response.getStatus(), response.getStatus() == 404 ? "NotFound" : "MethodNotAllowed");
            assertThat(vpses.changes).isEmpty();
        }
    }

    @Nested
    class Undeclared {
        @ParameterizedTest(name = "{0} /vpses/id/{1}")
        @CsvSource({"POST, disable-now", "POST, anything", "GET, anything", "PUT, anything", "DELETE, anything",
                    "POST, subscription", "PATCH, context", "POST, anything/else", "DELETE, anything/00000000-0000-4000-8000-000000000000"})
        void anythingTheVpsTypeDoesNotDeclareIs404WhateverTheVerb(String verb, String name) {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            Response response = sync(api, "/vpses/" + CONTAINER_VPS + "/" + name)
                    .method(verb, verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH") ? json("{}") : null);

            if (verb.equals("PATCH")) {
                assertThat(response.getStatus()).isIn(404, 405);
                assertApsError(response, response.getStatus(), response.getStatus() == 404 ? "NotFound" : "MethodNotAllowed");
            } else {
                assertApsError(response, 404, "NotFound");
            }
            assertThat(vpses.changes).isEmpty();
        }

        @Test
        void theOldSilentSuccessIsGone() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            String message = assertApsError(sync(api, "/vpses/" + CONTAINER_VPS + "/disable").post(json("{}")), 405,
                    "MethodNotAllowed");

            assertThat(message).contains("PUT");
            assertThat(vpses.get(INSTANCE, CONTAINER_VPS).suspended()).isFalse();
        }
    }

    @Nested
    class Links {
        @Test
        void aLinkNotificationForAKnownVpsIsAnswered200WithAnEmptyObject() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            Response response = sync(api, "/vpses/" + CONTAINER_VPS + "/context").post(json(Fixtures.read("link-notification.json")));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree("{}"));
        }

        @Test
        void anUnlinkNotificationForAKnownVpsIsAnswered204() {
            vpses.ready(INSTANCE, CONTAINER_VPS, CONTAINER_SPEC, PowerState.RUNNING);

            assertThat(sync(api, "/vpses/" + CONTAINER_VPS + "/context/" + CONTEXT).delete().getStatus()).isEqualTo(204);
        }

        @Test
        void notificationsAboutAnUnknownVpsAre404() {
            assertApsError(sync(api, "/vpses/" + UNKNOWN + "/context").post(json(Fixtures.read("link-notification.json"))),
                    404, "NotFound");
            assertApsError(sync(api, "/vpses/" + UNKNOWN + "/context/" + CONTEXT).delete(), 404, "NotFound");
        }
    }
}
