package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.apspackage.ApsPackage;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * One source of truth: the APS package a controller imports describes exactly what the connector
 * serves. The real application is driven through every answer that carries a representation (each
 * type, each state a VPS can reach on the fake backends, a failed provision included), and each is
 * validated against the package's schema of its type translated to a strict JSON Schema
 * ({@link ApsTypeSchema}): a property the package does not declare fails, and so does a declared
 * property no answer ever carries. Every declared operation and relation is served; an undeclared
 * one is a 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DropwizardExtensionsSupport.class)
class PackagedSchemasEndToEndTest {
    private static final String FARM = "package-" + UUID.randomUUID();
    private static final String FAILING_FARM = "package-failing-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // The usage figures are measured in the background; retrieve carries them once measured.
    private static final Duration USAGE_PATIENCE = Duration.ofSeconds(20);
    private static final ObjectNode EMPTY = ApsController.JSON.createObjectNode();
    private static final List<String> SERVICES = List.of("clouds", "contexts", "vpses");

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.hypervisor.farm", FARM));

    // A hypervisor whose every call fails: a VM provision ends in Error. Its overrides have a prefix of
    // their own: two apps sharing dw.* keys restore each other's values when stopped in start order,
    // and the first app's values would leak into later test classes.
    private static final String FAILING = "failing-hypervisor";
    static final DropwizardAppExtension<VpsConnectorConfiguration> FAILING_HYPERVISOR = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"), FAILING,
            ConfigOverride.config(FAILING, "database.url", "jdbc:h2:mem:" + FAILING_FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config(FAILING, "backends.container.farm", FAILING_FARM),
            ConfigOverride.config(FAILING, "backends.hypervisor.farm", FAILING_FARM),
            ConfigOverride.config(FAILING, "backends.hypervisor.failureProbability", "1.0"));

    /** One answer that carries a representation, and how it was obtained. */
    private record Representation(String service, String how, JsonNode body) {
    }

    private final ApsPackage aps = ApsPackage.onClasspath();
    private final Map<String, ApsTypeSchema> schemas = new LinkedHashMap<>();
    private final List<Representation> representations = new ArrayList<>();
    private final Map<String, Reply> declaredOperationAnswers = new LinkedHashMap<>();
    private final Map<String, String> resourceIds = new LinkedHashMap<>();
    private ApsController controller;

    @BeforeAll
    void driveTheConnectorThroughEveryAnswerThatCarriesARepresentation() {
        SERVICES.forEach(service -> schemas.put(service, ApsTypeSchema.ofService(aps, service)));
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        resourceIds.put("clouds", controller.instanceId().toString());
        collectCloud();
        resourceIds.put("contexts", collectContext(controller));
        UUID container = collectContainer();
        resourceIds.put("vpses", container.toString());
        collectVmThroughEveryOperation();
        collectDeclaredOperations(container);
        collectUsage(container);
        collectFailedProvision();
    }

    @Test
    void everyRepresentationConformsToThePackagedSchemaOfItsType() {
        assertThat(representations).extracting(Representation::service).containsAll(SERVICES);
        List<String> violations = new ArrayList<>();
        for (Representation representation : representations) {
            schemas.get(representation.service()).violationsOf(representation.body()).forEach(violation ->
                    violations.add(representation.how() + " " + violation + " in " + representation.body()));
        }

        assertThat(violations).as("representations against the packaged schemas").isEmpty();
    }

    @Test
    void theRepresentationsReachEveryStateThePackageDeclares() {
        Set<String> seen = new TreeSet<>();
        representationsOf("vpses").forEach(representation -> seen.add(representation.body().path("state").asText()));

        assertThat(seen).containsExactlyInAnyOrderElementsOf(schemas.get("vpses").enumOf("state"));
    }

    @Test
    void everyPropertyThePackageDeclaresIsReturnedBySomeAnswer() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : SERVICES) {
            ApsTypeSchema schema = schemas.get(service);
            Set<String> returned = new LinkedHashSet<>();
            representationsOf(service).forEach(representation -> returned.addAll(schema.propertyPathsIn(representation.body())));
            Set<String> neverReturned = new LinkedHashSet<>(schema.returnedPropertyPaths());
            neverReturned.removeAll(returned);

            softly.assertThat(neverReturned).as("properties of %s that no answer carried", schema.id()).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyDeclaredOperationIsServed() {
        SoftAssertions softly = new SoftAssertions();
        schemas.get("vpses").operations().values().forEach(operation -> {
            Reply reply = declaredOperationAnswers.get(operation.name());
            softly.assertThat(reply.status()).as("%s %s: %s", operation.verb(), operation.path(), reply).isBetween(200, 299);
        });
        softly.assertAll();
    }

    @Test
    void everyDeclaredRelationIsAcknowledged() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : SERVICES) {
            String resource = "/" + service + "/" + resourceIds.get(service);
            schemas.get(service).relations().values().forEach(relation -> {
                Reply link = controller.send("POST", resource + "/" + relation.name(),
                        ApsController.fixture("link-notification.json"), "sync");
                Reply unlink = controller.send("DELETE", resource + "/" + relation.name() + "/" + UUID.randomUUID(), null, "sync");

                softly.assertThat(link.status()).as("link POST %s/%s: %s", resource, relation.name(), link).isIn(200, 204);
                softly.assertThat(unlink.status()).as("unlink DELETE %s/%s/{id}: %s", resource, relation.name(), unlink).isIn(200, 204);
            });
        }
        softly.assertAll();
    }

    @Test
    void anOperationOrRelationThePackageDoesNotDeclareIsA404ApsError() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : SERVICES) {
            ApsTypeSchema schema = schemas.get(service);
            assertThat(schema.operations()).doesNotContainKey("anything");
            assertThat(schema.relations()).doesNotContainKey("anything");
            Reply reply = controller.send("POST", "/" + service + "/" + resourceIds.get(service) + "/anything", EMPTY, "sync");

            softly.assertThat(reply.status()).as("POST /%s/{id}/anything: %s", service, reply).isEqualTo(404);
            softly.assertThat(reply.body().path("code").asInt()).as("APS error code of %s", reply).isEqualTo(404);
            softly.assertThat(reply.body().path("type").asText()).as("APS error type of %s", reply).isNotBlank();
            softly.assertThat(reply.body().path("message").asText()).as("APS error message of %s", reply).isNotBlank();
        }
        softly.assertAll();
    }

    private void collectCloud() {
        String cloud = "/clouds/" + controller.instanceId();
        keep("clouds", "install", expect(200, controller.install()));
        keep("clouds", "retrieve", expect(200, controller.send("GET", cloud, null, "sync")));
        keep("clouds", "re-install", expect(200, controller.send("PUT", cloud,
                ApsController.vps("cloud-install.json", controller.instanceId()), "sync")));
        keep("clouds", "upgrade", controller.send("POST", cloud + "/upgrade?version=1.0", EMPTY, "sync"));
    }

    /** The fixture's context, provisioned, retrieved and configured; its id. */
    private String collectContext(ApsController on) {
        ObjectNode context = ApsController.fixture("context-provision.json");
        String id = context.path("aps").path("id").asText();
        keep("contexts", "provision", expect(200, on.send("POST", "/contexts", context, "sync")));
        keep("contexts", "retrieve", expect(200, on.send("GET", "/contexts/" + id, null, "sync")));
        keep("contexts", "configure", expect(200, on.send("PUT", "/contexts/" + id, context, "sync")));
        return id;
    }

    private UUID collectContainer() {
        UUID id = UUID.randomUUID();
        ObjectNode body = ApsController.vps("vps-container.json", id);
        ObjectNode login = body.putObject("login");
        login.putArray("sshKeys").add(GuestKeys.ED25519);
        login.put("password", "a password the schema never shows");
        keep("vpses", "container provision", expect(200, controller.send("POST", "/vpses", body, "sync")));
        keep("vpses", "container retrieve", expect(200, controller.send("GET", "/vpses/" + id, null, "sync")));
        ((ObjectNode) body.get("hardware")).put("memory", 2);
        keep("vpses", "container configure", expect(200, controller.send("PUT", "/vpses/" + id, body, "sync")));
        return id;
    }

    /** A VM goes through every operation in the background: each 202, each poll and a retrieve meanwhile. */
    private void collectVmThroughEveryOperation() {
        UUID id = UUID.randomUUID();
        String vps = "/vpses/" + id;
        expect(200, pollKeepingEveryAnswer("VM provision", controller, id, "POST", "/vpses", ApsController.vps("vps-vm.json", id)));
        expect(200, pollKeepingEveryAnswer("VM stop", controller, id, "GET", vps + "/stop", null));
        expect(200, pollKeepingEveryAnswer("VM start", controller, id, "GET", vps + "/start", null));
        expect(200, pollKeepingEveryAnswer("VM configure", controller, id, "PUT", vps, ApsController.vps("vps-configure.json", id)));
        expect(204, pollKeepingEveryAnswer("VM unprovision", controller, id, "DELETE", vps, null));
    }

    /** Every custom operation the vps schema declares, with its verb, on a container, in the order declared. */
    private void collectDeclaredOperations(UUID container) {
        String vps = "/vpses/" + container;
        schemas.get("vpses").operations().values().forEach(operation -> {
            Reply reply = controller.sendAndPoll(operation.verb(), vps + operation.path(),
                    operation.verb().equals("GET") ? null : EMPTY, PATIENCE);
            declaredOperationAnswers.put(operation.name(), reply);
            keep("vpses", operation.verb() + " " + operation.path(), reply);
            keep("vpses", "retrieve after " + operation.path(), controller.send("GET", vps, null, "sync"));
        });
    }

    /** A retrieve once the container's usage has been measured, or the last one tried. */
    private void collectUsage(UUID container) {
        String vps = "/vpses/" + container;
        Reply measured;
        try {
            measured = Awaitility.await().atMost(USAGE_PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> controller.send("GET", vps, null, "sync"), reply -> reply.body().has("usage"));
        } catch (ConditionTimeoutException notMeasured) {
            measured = controller.send("GET", vps, null, "sync");
        }
        keep("vpses", "retrieve once measured", expect(200, measured));
    }

    /** On a hypervisor that fails every call: the 202s, the 500, and the VPS in Error afterwards. */
    private void collectFailedProvision() {
        ApsController failing = new ApsController(FAILING_HYPERVISOR.client(),
                "http://127.0.0.1:" + FAILING_HYPERVISOR.getLocalPort(), UUID.randomUUID());
        expect(200, failing.install());
        collectContext(failing);
        UUID id = UUID.randomUUID();
        Reply failed = pollKeepingEveryAnswer("failing VM provision", failing, id, "POST", "/vpses", ApsController.vps("vps-vm.json", id));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        Reply error = keep("vpses", "retrieve after a failed provision", expect(200, failing.send("GET", "/vpses/" + id, null, "sync")));
        assertThat(error.state()).isEqualTo("Error");
    }

    private Reply pollKeepingEveryAnswer(String what, ApsController on, UUID vps, String method, String path, JsonNode body) {
        return on.sendAndPoll(method, path, body, PATIENCE, reply -> {
            keep("vpses", what + " " + reply.status(), reply);
            if (reply.status() == 202) {
                keep("vpses", "retrieve during " + what, on.send("GET", "/vpses/" + vps, null, "sync"));
            }
        });
    }

    /** Keeps the answer's body when it is a representation: a success that carries a JSON object. */
    private Reply keep(String service, String how, Reply reply) {
        if (reply.status() >= 200 && reply.status() < 300 && reply.body().isObject()) {
            representations.add(new Representation(service, how, reply.body()));
        }
        return reply;
    }

    private static Reply expect(int status, Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }

    private List<Representation> representationsOf(String service) {
        return representations.stream().filter(representation -> representation.service().equals(service)).toList();
    }
}
