package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The real application driven the way a controller drives it: every row of the protocol table,
 * repeated requests, polls and bad input. Runs once on fake backends and once on Docker and libvirt;
 * what it made is checked through backends of the same kind, outside the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DropwizardExtensionsSupport.class)
abstract class ControllerEndToEndContract {

    /** The provision request of a VM. */
    protected ObjectNode vmBody(UUID id) {
        return vmFixture("vps-vm.json", id);
    }

    /** A request about a VM from its fixture; a backend whose fast image is another OS asks for that one. */
    protected ObjectNode vmFixture(String fixture, UUID id) {
        return ApsController.vps(fixture, id);
    }

    private static final ObjectNode EMPTY = ApsController.JSON.createObjectNode();
    private ApsController controller;

    protected abstract DropwizardAppExtension<VpsConnectorConfiguration> app();

    /** The container backend the application uses, seen from outside it. */
    protected abstract ServerBackend containers();

    /** The hypervisor the application uses, seen from outside it. */
    protected abstract ServerBackend hypervisor();

    /** How long one operation may take from the first request to the last poll. */
    protected abstract Duration patience();

    @BeforeAll
    void installInstance() {
        controller = new ApsController(app().client(), "http://127.0.0.1:" + app().getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        assertThat(controller.send("POST", "/contexts", ApsController.fixture("context-provision.json"), "sync").status())
                .isEqualTo(200);
    }

    @Test
    void containerProvisionIsDoneWithinTheRequest() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.apsStatus()).isEqualTo("aps:ready");
        assertThat(reply.state()).isEqualTo("Running");
        assertThat(reply.body().path("aps").path("id").asText()).isEqualTo(id.toString());
        assertThat(reply.body().path("hardware").path("CPU").path("number").asInt()).isEqualTo(1);
        assertThat(containers().inspect(id)).hasValueSatisfying(server -> assertThat(server.running()).isTrue());
    }

    @Test
    void vmProvisionIsAcceptedThenPolledUntilTheGuestHasBooted() {
        UUID id = UUID.randomUUID();
        ObjectNode body = vmBody(id);

        Reply accepted = controller.send("POST", "/vpses", body, "sync");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header("APS-Retry-Timeout")).matches("[1-9][0-9]*");
        assertThat(accepted.header("APS-Info")).isNotBlank();
        assertThat(accepted.state()).isEqualTo("Creating");
        assertThat(accepted.apsStatus()).isEqualTo("aps:provisioning");

        Reply done = controller.sendAndPoll("POST", "/vpses", body, patience());
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.state()).isEqualTo("Running");
        assertThat(done.apsStatus()).isEqualTo("aps:ready");
        assertThat(hypervisor().inspect(id)).hasValueSatisfying(server -> assertThat(server.guestReady()).isTrue());
    }

    @Test
    void repeatedRequestsNeverCreateASecondServer() {
        UUID id = UUID.randomUUID();
        ObjectNode body = vmBody(id);
        int before = hypervisor().list().size();

        assertThat(controller.send("POST", "/vpses", body, "sync").status()).isEqualTo(202);
        assertThat(controller.send("POST", "/vpses", body, "sync").status()).as("a re-sent sync request").isEqualTo(202);
        assertThat(controller.send("POST", "/vpses", body, "async").status()).as("an early poll").isEqualTo(202);
        assertThat(controller.sendAndPoll("POST", "/vpses", body, patience()).status()).isEqualTo(200);
        assertThat(controller.send("POST", "/vpses", body, "async").status()).as("a late poll").isEqualTo(200);
        assertThat(controller.send("POST", "/vpses", body, "sync").status()).as("a late re-send").isEqualTo(200);

        assertThat(hypervisor().list()).hasSize(before + 1);
        ObjectNode other = body.deepCopy();
        other.put("name", "another-name");
        Reply conflict = controller.send("POST", "/vpses", other, "sync");
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertApsError(conflict, 409);
    }

    @Test
    void simultaneousIdenticalProvisionsMakeOneServer() throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode body = ApsController.vps("vps-container.json", id);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(senders.submit(() -> controller.send("POST", "/vpses", body, "sync")));
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().toString()).isIn(200, 202);
            }
        } finally {
            senders.shutdown();
        }

        assertThat(controller.sendAndPoll("POST", "/vpses", body, patience()).status()).isEqualTo(200);
        assertThat(containers().list()).filteredOn(server -> server.vpsId().equals(id)).hasSize(1);
    }

    @Test
    void retrieveAnswersTheStoredRepresentation() {
        UUID id = provisionContainer();
        Reply reply = controller.send("GET", "/vpses/" + id, null, "sync");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("name").asText()).isEqualTo("web-01");
        assertThat(reply.body().path("hardware").path("memory").asInt()).isEqualTo(1);
        assertThat(reply.body().path("hardware").path("VM").asBoolean()).isFalse();
        assertThat(reply.body().path("platform").path("OS").path("name").asText()).isEqualTo("debian");
        assertThat(reply.body().path("context").path("aps").path("id").asText()).isEqualTo("5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f");
        assertThat(reply.state()).isEqualTo("Running");
    }

    @Test
    void configureChangesMemoryAndCpusOfAContainer() {
        UUID id = provisionContainer();
        ObjectNode body = ApsController.vps("vps-container.json", id);
        ((ObjectNode) body.get("hardware")).put("memory", 2);
        ((ObjectNode) body.get("hardware").get("CPU")).put("number", 2);

        Reply reply = controller.send("PUT", "/vpses/" + id, body, "sync");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body().path("hardware").path("memory").asInt()).isEqualTo(2);
        assertThat(reply.apsStatus()).isEqualTo("aps:ready");
        assertThat(containers().inspect(id).orElseThrow().hardware().cpuCount()).isEqualTo(2);
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").body().path("hardware").path("CPU").path("number").asInt())
                .isEqualTo(2);
    }

    @Test
    void configureOfAVmRunsInTheBackground() {
        UUID id = UUID.randomUUID();
        ObjectNode body = vmBody(id);
        assertThat(controller.sendAndPoll("POST", "/vpses", body, patience()).status()).isEqualTo(200);
        ObjectNode configured = vmFixture("vps-configure.json", id);

        Reply accepted = controller.send("PUT", "/vpses/" + id, configured, "sync");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.apsStatus()).isEqualTo("aps:configuring");

        Reply done = controller.sendAndPoll("PUT", "/vpses/" + id, configured, patience());
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.body().path("hardware").path("memory").asInt()).isEqualTo(4);
        assertThat(done.state()).isEqualTo("Running");
        assertThat(hypervisor().inspect(id).orElseThrow().hardware().memoryGb()).isEqualTo(4);
    }

    @Test
    void stopAndStartMoveAContainerBetweenStoppedAndRunning() {
        UUID id = provisionContainer();

        Reply stopped = controller.send("GET", "/vpses/" + id + "/stop", null, "sync");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.state()).isEqualTo("Stopped");
        assertThat(containers().inspect(id).orElseThrow().running()).isFalse();
        assertThat(controller.send("POST", "/vpses/" + id + "/stop", EMPTY, "sync").state()).as("stop of a stopped VPS").isEqualTo("Stopped");

        Reply started = controller.send("PUT", "/vpses/" + id + "/start", EMPTY, "sync");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.state()).isEqualTo("Running");
        assertThat(containers().inspect(id).orElseThrow().running()).isTrue();
    }

    @Test
    void reconcileReportsAServerStoppedBehindTheConnectorsBackAndRecordsItOnlyWhenAsked() {
        UUID id = provisionContainer();
        containers().stop(id);

        Reply dryRun = admin().task("reconcile");

        assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
        assertThat(dryRun.body().path("mode").asText()).isEqualTo("DRY_RUN");
        JsonNode drift = reconcileEntry(dryRun, "powerStateDrift", id);
        assertThat(drift.path("technology").asText()).isEqualTo("CONTAINER");
        assertThat(drift.path("expected").asText()).isEqualTo("Running");
        assertThat(drift.path("found").asText()).isEqualTo("Stopped");
        assertThat(drift.path("action").asText()).isEqualTo("record state Stopped");
        assertThat(drift.path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").state()).as("a dry run changes nothing").isEqualTo("Running");

        Reply applied = reconcile(id);

        assertThat(reconcileEntry(applied, "powerStateDrift", id).path("outcome").asText()).isEqualTo("REPAIRED");
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").state()).isEqualTo("Stopped");
        assertThat(containers().inspect(id).orElseThrow().running()).as("nothing was started").isFalse();
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
    }

    @Test
    void reconcileReportsAServerLeftBehindByADeletedVpsAndRemovesItOnlyWhenAsked() {
        UUID id = provisionContainer();
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
        // As if the destroy had been lost: the engine still holds the container.
        containers().create(new ServerSpec(id, controller.instanceId(), "web-01", new Hardware(1, 10, 1, false), Platform.UNSPECIFIED));

        JsonNode orphan = reconcileEntry(admin().task("reconcile"), "orphans", id);

        assertThat(orphan.path("expected").asText()).isEqualTo("no server: the VPS is deleted");
        assertThat(orphan.path("found").asText()).isEqualTo("Stopped server");
        assertThat(orphan.path("action").asText()).isEqualTo("destroy the server");
        assertThat(orphan.path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(containers().inspect(id)).as("a dry run changes nothing").isPresent();

        assertThat(reconcileEntry(reconcile(id), "orphans", id).path("outcome").asText()).isEqualTo("REPAIRED");
        assertThat(containers().inspect(id)).isEmpty();
    }

    @Test
    void reconcileReportsAServerNoVpsOwnsAndRemovesItOnlyWhenAsked() {
        UUID id = UUID.randomUUID();
        containers().create(new ServerSpec(id, controller.instanceId(), "stray", new Hardware(1, 10, 1, false), Platform.UNSPECIFIED));
        try {
            JsonNode orphan = reconcileEntry(admin().task("reconcile"), "orphans", id);

            assertThat(orphan.path("expected").asText()).isEqualTo("no server: no VPS has this id");
            assertThat(orphan.path("outcome").asText()).isEqualTo("REPORTED");
            assertThat(containers().inspect(id)).isPresent();

            assertThat(reconcileEntry(reconcile(id), "orphans", id).path("outcome").asText()).isEqualTo("REPAIRED");
            assertThat(containers().inspect(id)).isEmpty();
        } finally {
            containers().destroy(id);
        }
    }

    @Test
    void reconcileReportsAVpsWhoseServerIsGoneAndApplyRecordsItAsError() {
        UUID id = provisionContainer();
        containers().destroy(id);

        JsonNode missing = reconcileEntry(admin().task("reconcile"), "missingServers", id);

        assertThat(missing.path("expected").asText()).isEqualTo("a server (the VPS is aps:ready, Running)");
        assertThat(missing.path("found").asText()).isEqualTo("no server");
        assertThat(missing.path("action").asText()).isEqualTo("record state Error");
        assertThat(missing.path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").state()).isEqualTo("Running");

        assertThat(reconcileEntry(reconcile(id), "missingServers", id).path("outcome").asText()).isEqualTo("REPAIRED");
        Reply vps = controller.send("GET", "/vpses/" + id, null, "sync");
        assertThat(vps.state()).isEqualTo("Error");
        assertThat(vps.apsStatus()).isEqualTo("aps:ready");
        assertThat(containers().inspect(id)).as("no blank server is built in its place").isEmpty();
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).as("it can still be unprovisioned").isEqualTo(204);
    }

    @Test
    void stopAndStartOfAVmArePolled() {
        UUID id = UUID.randomUUID();
        assertThat(controller.sendAndPoll("POST", "/vpses", vmBody(id), patience()).status()).isEqualTo(200);

        Reply stopping = controller.send("GET", "/vpses/" + id + "/stop", null, "sync");
        assertThat(stopping.status()).isEqualTo(202);
        assertThat(controller.sendAndPoll("GET", "/vpses/" + id + "/stop", null, patience()).state()).isEqualTo("Stopped");
        Reply started = controller.sendAndPoll("GET", "/vpses/" + id + "/start", null, patience());
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.state()).isEqualTo("Running");
        assertThat(hypervisor().inspect(id).orElseThrow().guestReady()).isTrue();

        // The same guest disabled and enabled again: a guest costs a boot on a real hypervisor.
        Reply disabling = controller.send("PUT", "/vpses/" + id + "/disable", EMPTY, "sync");
        assertThat(disabling.status()).as(disabling.toString()).isEqualTo(202);
        assertThat(disabling.header("APS-Retry-Timeout")).matches("[1-9][0-9]*");
        assertThat(disabling.header("APS-Info")).isNotBlank();
        assertThat(disabling.body().path("suspended").asBoolean()).isTrue();
        Reply disabled = controller.sendAndPoll("PUT", "/vpses/" + id + "/disable", EMPTY, patience());
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.state()).isEqualTo("Stopped");
        assertThat(disabled.body().path("suspended").asBoolean()).isTrue();
        assertThat(hypervisor().inspect(id).orElseThrow().running()).as("the guest is really stopped").isFalse();
        assertApsError(controller.send("GET", "/vpses/" + id + "/start", null, "sync"), 409);

        Reply enabled = controller.sendAndPoll("PUT", "/vpses/" + id + "/enable", EMPTY, patience());
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.state()).isEqualTo("Running");
        assertThat(enabled.body().path("suspended").asBoolean()).isFalse();
        assertThat(hypervisor().inspect(id).orElseThrow().guestReady()).as("the guest has booted again").isTrue();
    }

    @Test
    void disableStopsAContainerAndEnableBringsItBackRunning() {
        UUID id = provisionContainer();
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").body().path("suspended").isBoolean()).isTrue();

        Reply disabled = controller.send("PUT", "/vpses/" + id + "/disable", EMPTY, "sync");

        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.state()).isEqualTo("Stopped");
        assertThat(disabled.body().path("suspended").asBoolean()).isTrue();
        assertThat(containers().inspect(id).orElseThrow().running()).as("the container is really stopped").isFalse();
        assertApsError(controller.send("PUT", "/vpses/" + id + "/disable", EMPTY, "sync"), 409);
        assertApsError(controller.send("PUT", "/vpses/" + id + "/start", EMPTY, "sync"), 409);
        assertThat(controller.send("GET", "/vpses/" + id + "/stop", null, "sync").status()).as("a suspended VPS is stopped already")
                .isEqualTo(200);
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").body().path("suspended").asBoolean()).isTrue();

        Reply enabled = controller.send("PUT", "/vpses/" + id + "/enable", EMPTY, "sync");

        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.state()).isEqualTo("Running");
        assertThat(enabled.body().path("suspended").asBoolean()).isFalse();
        assertThat(containers().inspect(id).orElseThrow().running()).as("the container runs again").isTrue();
        assertApsError(controller.send("PUT", "/vpses/" + id + "/enable", EMPTY, "sync"), 409);
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
    }

    @Test
    void reconcileStopsTheServerOfADisabledVpsThatWasStartedBehindItsBack() {
        UUID id = provisionContainer();
        assertThat(controller.send("PUT", "/vpses/" + id + "/disable", EMPTY, "sync").status()).isEqualTo(200);
        containers().start(id);

        JsonNode drift = reconcileEntry(admin().task("reconcile"), "powerStateDrift", id);
        assertThat(drift.path("expected").asText()).isEqualTo("Stopped (disabled)");
        assertThat(drift.path("found").asText()).isEqualTo("Running");
        assertThat(drift.path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(containers().inspect(id).orElseThrow().running()).as("a dry run changes nothing").isTrue();

        assertThat(reconcileEntry(reconcile(id), "powerStateDrift", id).path("outcome").asText()).isEqualTo("REPAIRED");
        assertThat(containers().inspect(id).orElseThrow().running()).isFalse();
        Reply vps = controller.send("GET", "/vpses/" + id, null, "sync");
        assertThat(vps.state()).isEqualTo("Stopped");
        assertThat(vps.body().path("suspended").asBoolean()).isTrue();
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).as("a disabled VPS can be unprovisioned")
                .isEqualTo(204);
        assertThat(containers().inspect(id)).isEmpty();
    }

    @Test
    void unprovisionRemovesTheServerAndTheVpsIsGone() {
        UUID container = provisionContainer();
        UUID vm = UUID.randomUUID();
        assertThat(controller.sendAndPoll("POST", "/vpses", vmBody(vm), patience()).status()).isEqualTo(200);

        assertThat(controller.send("DELETE", "/vpses/" + container, null, "sync").status()).isEqualTo(204);
        assertThat(controller.send("DELETE", "/vpses/" + vm, null, "sync").status()).isEqualTo(202);
        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + vm, null, patience()).status()).isEqualTo(204);

        assertThat(controller.send("GET", "/vpses/" + container, null, "sync").status()).isEqualTo(404);
        assertThat(controller.send("GET", "/vpses/" + vm, null, "sync").status()).isEqualTo(404);
        assertThat(containers().inspect(container)).isEmpty();
        assertThat(hypervisor().inspect(vm)).isEmpty();
        assertThat(controller.send("DELETE", "/vpses/" + vm, null, "async").status()).as("a late poll").isEqualTo(204);
    }

    @Test
    void unprovisionDuringAVmBuildCancelsItAndLeavesNoServer() {
        UUID id = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", vmBody(id), "sync").status()).isEqualTo(202);

        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + id, null, patience()).status()).isEqualTo(204);

        assertThat(hypervisor().inspect(id)).isEmpty();
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").status()).isEqualTo(404);
    }

    @Test
    void anInstanceIsInstalledUpgradedAndRemovedOnlyOnceItHasNoVps() {
        ApsController other = new ApsController(app().client(), base(), UUID.randomUUID());
        String cloud = "/clouds/" + other.instanceId();
        assertThat(other.install().status()).isEqualTo(200);
        UUID vps = UUID.randomUUID();
        assertThat(other.send("POST", "/vpses", ApsController.vps("vps-container.json", vps), "sync").status()).isEqualTo(200);

        Reply upgraded = other.send("POST", cloud + "/upgrade?version=1.0", EMPTY, "sync");
        assertThat(upgraded.status()).as(upgraded.toString()).isIn(200, 204);
        assertApsError(other.send("DELETE", cloud, null, "sync"), 409);
        assertThat(other.send("DELETE", "/vpses/" + vps, null, "sync").status()).isEqualTo(204);
        assertThat(other.send("DELETE", cloud, null, "sync").status()).isEqualTo(204);

        assertApsError(other.send("GET", cloud, null, "sync"), 404);
        assertApsError(other.send("POST", "/vpses", ApsController.vps("vps-container.json", UUID.randomUUID()), "sync"), 404);
    }

    @Test
    void linkAndUnlinkNotificationsOfEveryDeclaredRelationAreAcknowledged() {
        String context = "/contexts/5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f";
        String vps = "/vpses/" + provisionContainer();
        String cloud = "/clouds/" + controller.instanceId();
        ObjectNode link = ApsController.fixture("link-notification.json");
        for (String relation : List.of(context + "/cloud", context + "/subscription", context + "/account", context + "/vpses",
                vps + "/context", cloud + "/contexts")) {
            assertThat(controller.send("POST", relation, link, "sync").status()).as("link " + relation).isIn(200, 204);
            assertThat(controller.send("DELETE", relation + "/" + UUID.randomUUID(), null, "sync").status())
                    .as("unlink " + relation).isIn(200, 204);
        }
    }

    @Test
    void operationsAndRelationsNoTypeDeclaresAreApsErrors() {
        UUID id = provisionContainer();
        String vps = "/vpses/" + id;
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            for (String path : List.of(vps + "/anything", "/contexts/5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f/anything",
                    "/clouds/" + controller.instanceId() + "/anything")) {
                assertApsError(controller.send(method, path, method.equals("POST") || method.equals("PUT") ? EMPTY : null, "sync"),
                        404);
            }
        }
        // Once answered 200 without doing anything; disable is served on PUT only.
        Reply posted = controller.send("POST", vps + "/disable", EMPTY, "sync");
        assertThat(posted.status()).as(posted.toString()).isIn(404, 405);
        assertApsError(posted, posted.status());
        assertThat(controller.send("GET", vps, null, "sync").body().path("suspended").asBoolean()).isFalse();
        assertThat(containers().inspect(id).orElseThrow().running()).isTrue();
        assertThat(controller.send("DELETE", vps, null, "sync").status()).isEqualTo(204);
    }

    static Stream<Arguments> badProvisions() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"aps\": {\"id\": ", 400),
                Arguments.of("memory as text", replaceHardware("\"memory\": 1", "\"memory\": \"lots\""), 400),
                Arguments.of("memory as a fraction", replaceHardware("\"memory\": 1", "\"memory\": 1.5"), 400),
                Arguments.of("VM flag as text", replaceHardware("\"VM\": false", "\"VM\": \"no\""), 400),
                Arguments.of("zero memory", replaceHardware("\"memory\": 1", "\"memory\": 0"), 400),
                Arguments.of("negative CPUs", replaceHardware("\"number\": 1", "\"number\": -2"), 400),
                Arguments.of("absurd memory", replaceHardware("\"memory\": 1", "\"memory\": 1000000"), 400),
                Arguments.of("absurd disk", replaceHardware("\"diskspace\": 10", "\"diskspace\": 99999999"), 400),
                Arguments.of("no hardware", "{\"aps\": {\"id\": \"%s\", \"type\": \"http://aps-standard.org/samples/async1p/vps/1.0\"}, \"name\": \"x\"}", 400),
                Arguments.of("no aps.id", "{\"aps\": {\"type\": \"http://aps-standard.org/samples/async1p/vps/1.0\"}, \"hardware\": {\"memory\": 1, \"diskspace\": 1, \"CPU\": {\"number\": 1}, \"VM\": false}}", 400),
                Arguments.of("aps.id not a UUID", "{\"aps\": {\"id\": \"not-a-uuid\"}, \"hardware\": {\"memory\": 1, \"diskspace\": 1, \"CPU\": {\"number\": 1}, \"VM\": false}}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProvisions")
    void badInputIsRefusedWithAnApsErrorAndChangesNothing(String what, String bodyTemplate, int expected) {
        UUID id = UUID.randomUUID();
        int containers = containers().list().size();
        Reply reply = controller.postRaw("/vpses", Entity.json(bodyTemplate.replace("%s", id.toString())),
                controller::withControllerHeaders);

        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(expected);
        assertApsError(reply, expected);
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").status()).isEqualTo(404);
        assertThat(containers().list()).hasSize(containers);
    }

    @Test
    void missingControllerHeadersAreRefused() {
        String body = ApsController.vps("vps-container.json", UUID.randomUUID()).toString();
        Reply noInstance = controller.postRaw("/vpses", Entity.json(body),
                request -> request.header("APS-Controller-URI", ApsController.CONTROLLER_URI));
        Reply noController = controller.postRaw("/vpses", Entity.json(body),
                request -> request.header("APS-Instance-ID", controller.instanceId().toString()));

        assertApsError(noInstance, 400);
        assertApsError(noController, 400);
        assertThat(noInstance.body().path("message").asText()).contains("APS-Instance-ID");
        assertThat(noController.body().path("message").asText()).contains("APS-Controller-URI");
    }

    @Test
    void unknownIdsPathsAndMethodsAreApsErrors() {
        UUID unknown = UUID.randomUUID();
        assertApsError(controller.send("GET", "/vpses/" + unknown, null, "sync"), 404);
        assertThat(controller.send("DELETE", "/vpses/" + unknown, null, "sync").status())
                .as("an unprovision of an id there never was a VPS of is done").isEqualTo(204);
        assertApsError(controller.send("GET", "/vpses/" + unknown + "/start", null, "sync"), 404);
        assertApsError(controller.send("PUT", "/vpses/" + unknown, ApsController.vps("vps-container.json", unknown), "sync"), 404);
        assertApsError(controller.send("GET", "/no-such-service", null, "sync"), 404);
        assertApsError(controller.send("GET", "/vpses/not-a-uuid", null, "sync"), 404);
        assertApsError(controller.send("PUT", "/vpses", ApsController.vps("vps-container.json", unknown), "sync"), 405);
        assertThat(containers().inspect(unknown)).isEmpty();
    }

    @Test
    void anUnknownInstanceIsRefused() {
        ApsController stranger = new ApsController(app().client(), base(), UUID.randomUUID());
        UUID id = UUID.randomUUID();
        assertApsError(stranger.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync"), 404);
        assertThat(containers().inspect(id)).isEmpty();
    }

    @Test
    void aWrongMediaTypeIsRefused() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.postRaw("/vpses", Entity.text(ApsController.vps("vps-container.json", id).toString()),
                controller::withControllerHeaders);

        assertApsError(reply, 415);
        assertThat(containers().inspect(id)).isEmpty();
    }

    @Test
    void aConfigureWithImpossibleHardwareChangesNothing() {
        UUID id = provisionContainer();
        ObjectNode body = ApsController.vps("vps-container.json", id);
        ((ObjectNode) body.get("hardware")).put("memory", -1);

        assertApsError(controller.send("PUT", "/vpses/" + id, body, "sync"), 400);
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").body().path("hardware").path("memory").asInt()).isEqualTo(1);
        assertThat(containers().inspect(id).orElseThrow().hardware().memoryGb()).isEqualTo(1);
    }

    @Test
    void theAdminPortReportsHealthyChecks() {
        Reply health = admin().health();
        JsonNode checks = health.body();

        assertThat(health.status()).as(checks.toString()).isEqualTo(200);
        assertThat(List.of("database", "containers", "hypervisor", "operation-driver"))
                .allSatisfy(name -> assertThat(checks.path(name).path("healthy").asBoolean()).as(name).isTrue());
    }

    private UUID provisionContainer() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return id;
    }

    private static String replaceHardware(String from, String to) {
        String body = ApsController.fixture("vps-container.json").toString().replace("\"aps\":{\"id\":\"9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a\"", "\"aps\":{\"id\":\"%s\"");
        String compactFrom = from.replace(" ", "");
        assertThat(body).contains(compactFrom);
        return body.replace(compactFrom, to.replace(" ", ""));
    }

    private static void assertApsError(Reply reply, int code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.raw().getMediaType().toString()).startsWith("application/json");
        assertThat(reply.body().path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.body().path("type").asText()).as(reply.toString()).isNotBlank();
        assertThat(reply.body().path("message").asText()).as(reply.toString()).isNotBlank();
    }

    /** {@code apply=true} for one VPS only: the engines these tests run on are shared. */
    private Reply reconcile(UUID id) {
        Reply applied = admin().task("reconcile", Map.of("apply", "true", "id", id.toString()));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.body().path("mode").asText()).isEqualTo("APPLY");
        return applied;
    }

    /** The entry about {@code id} in one list of a reconcile report; there must be exactly one. */
    static JsonNode reconcileEntry(Reply report, String list, UUID id) {
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        report.body().path(list).forEach(entry -> {
            if (entry.path("vpsId").asText().equals(id.toString())) {
                entries.add(entry);
            }
        });
        assertThat(entries).as(list + " of " + report.body()).hasSize(1);
        return entries.get(0);
    }

    private AdminPort admin() {
        return AdminPort.of(app());
    }

    private String base() {
        return "http://127.0.0.1:" + app().getLocalPort();
    }
}
