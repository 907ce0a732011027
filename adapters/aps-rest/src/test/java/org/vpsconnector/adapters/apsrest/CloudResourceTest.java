package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.UNKNOWN;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.application.port.in.InstallInstanceCommand;

@ExtendWith(DropwizardExtensionsSupport.class)
class CloudResourceTest {
    private static final String REPRESENTATION = """
            {"aps": {"id": "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10",
                     "type": "http://aps-standard.org/samples/async1p/cloud/1.0",
                     "status": "aps:ready"}}
            """;

    private final FakeInstances instances = new FakeInstances();
    private final ResourceExtension api = TestApi.of(instances, new FakeContexts(), new FakeVpsUseCases());

    @Test
    void anInstallKeepsTheCertificatesAndNeverEchoesThem() {
        Response response = sync(api, "/clouds").post(json(Fixtures.read("cloud-install.json")));

        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.readEntity(String.class);
        assertThat(Fixtures.tree(body)).isEqualTo(Fixtures.tree(REPRESENTATION));
        assertThat(body).doesNotContain("x509", "CERTIFICATE", "KEY");
        InstallInstanceCommand install = (InstallInstanceCommand) instances.changes.get(0).argument();
        assertThat(install.instanceId()).isEqualTo(INSTANCE);
        assertThat(install.controllerUri()).isEqualTo(TestApi.CONTROLLER_URI);
        assertThat(install.selfCertificate().reveal()).contains("instance certificate", "instance key");
        assertThat(install.presentedCertificate()).as("no client certificate over plain HTTP").isNull();
        assertThat(install.controllerCertificate()).contains("controller certificate");
    }

    @Test
    void anInstallBodyPrintsWithoutTheInstanceKey() throws Exception {
        CloudJson install = ApsJson.configure(Jackson.newObjectMapper())
                .readValue(Fixtures.read("cloud-install.json"), CloudJson.class);

        assertThat(install.aps().x509().self()).contains("instance key");
        assertThat(install.toString()).doesNotContain("instance key", "PRIVATE").contains("controller certificate");
    }

    @Test
    void anInstallForAnotherInstanceThanTheHeaderSaysIsRefused403() {
        String other = Fixtures.edited("cloud-install.json", cloud -> cloud.with("aps").put("id", UNKNOWN.toString()));

        assertApsError(sync(api, "/clouds").post(json(other)), 403, "Forbidden");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void anInstallWithoutAnIdIs400() {
        String noId = Fixtures.edited("cloud-install.json", cloud -> cloud.with("aps").remove("id"));

        assertThat(assertApsError(sync(api, "/clouds").post(json(noId)), 400, "InvalidRequest")).contains("aps.id");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void anInstalledInstanceIsRetrieved() {
        instances.add(INSTANCE);

        Response response = sync(api, "/clouds/" + INSTANCE).get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree(REPRESENTATION));
    }

    @Test
    void anInstanceThatIsNotInstalledIs404() {
        assertApsError(sync(api, "/clouds/" + INSTANCE).get(), 404, "NotFound");
    }

    @Test
    void anotherInstanceThanTheHeaderSaysIsRefused403() {
        instances.add(UNKNOWN);

        assertApsError(sync(api, "/clouds/" + UNKNOWN).get(), 403, "Forbidden");
        assertApsError(sync(api, "/clouds/" + UNKNOWN).delete(), 403, "Forbidden");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void aReinstallIsAnswered200() {
        instances.add(INSTANCE);

        Response response = sync(api, "/clouds/" + INSTANCE).put(json(Fixtures.read("cloud-install.json")));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree(REPRESENTATION));
        assertThat(instances.changes).extracting(Call::operation).containsExactly("install");
    }

    @Test
    void aRemovalIsAnswered204() {
        instances.add(INSTANCE);

        assertThat(sync(api, "/clouds/" + INSTANCE).delete().getStatus()).isEqualTo(204);
        assertThat(instances.find(INSTANCE)).isEmpty();
    }

    @Test
    void aRemovalOfAnInstanceThatIsNotInstalledIs404() {
        assertApsError(sync(api, "/clouds/" + INSTANCE).delete(), 404, "NotFound");
    }

    @Test
    void anUpgradeIsToldTheVersionItStartsFrom() {
        instances.add(INSTANCE);

        Response response = sync(api.target("/clouds/" + INSTANCE + "/upgrade").queryParam("version", "1.0"))
                .post(json("{}"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree(REPRESENTATION));
        assertThat(instances.changes).containsExactly(new Call("upgrade", "1.0"));
    }

    @Test
    void anUpgradeWithoutTheVersionIs400() {
        instances.add(INSTANCE);

        assertThat(assertApsError(sync(api, "/clouds/" + INSTANCE + "/upgrade").post(json("{}")), 400, "InvalidRequest"))
                .contains("version");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void linkAndUnlinkNotificationsOfItsContextsAreAcknowledged() {
        instances.add(INSTANCE);

        Response linked = sync(api, "/clouds/" + INSTANCE + "/contexts").post(json(Fixtures.read("link-notification.json")));

        assertThat(linked.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(linked.readEntity(String.class))).isEqualTo(Fixtures.tree("{}"));
        assertThat(sync(api, "/clouds/" + INSTANCE + "/contexts/" + UNKNOWN).delete().getStatus()).isEqualTo(204);
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void notificationsAboutAnInstanceThatIsNotInstalledAre404AndAboutAnotherInstance403() {
        assertApsError(sync(api, "/clouds/" + INSTANCE + "/contexts").post(json(Fixtures.read("link-notification.json"))),
                404, "NotFound");
        instances.add(UNKNOWN);
        assertApsError(sync(api, "/clouds/" + UNKNOWN + "/contexts/" + INSTANCE).delete(), 403, "Forbidden");
    }

    @ParameterizedTest(name = "{0} /clouds/id/{1}")
    @CsvSource({"POST, anything", "GET, anything", "PUT, anything", "DELETE, anything", "POST, vpses",
                "DELETE, vpses/00000000-0000-4000-8000-000000000000"})
    void anythingTheCloudTypeDoesNotDeclareIs404WhateverTheVerb(String verb, String name) {
        instances.add(INSTANCE);

        Response response = sync(api, "/clouds/" + INSTANCE + "/" + name)
                .method(verb, verb.equals("POST") || verb.equals("PUT") ? json("{}") : null);

        assertApsError(response, 404, "NotFound");
        assertThat(instances.changes).isEmpty();
    }
}
