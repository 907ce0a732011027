package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.ACCOUNT;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTEXT;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.SUBSCRIPTION;
import static org.vpsconnector.adapters.apsrest.Fixtures.UNKNOWN;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.application.port.in.ProvisionContextCommand;

@ExtendWith(DropwizardExtensionsSupport.class)
class ContextResourceTest {
    private static final String REPRESENTATION = """
            {"aps": {"id": "5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f",
                     "type": "http://aps-standard.org/samples/async1p/context/1.0",
                     "status": "aps:ready",
                     "subscription": "a3c1e5f7-0b2d-4e6f-8a1c-3e5f7a9b1d3f"},
             "subscription": {"aps": {"link": "strong", "id": "a3c1e5f7-0b2d-4e6f-8a1c-3e5f7a9b1d3f"}},
             "account": {"aps": {"link": "strong", "id": "c2e4a6b8-d0f2-4a4c-8e6a-0c2e4a6b8d0f"}}}
            """;

    private final FakeContexts contexts = new FakeContexts();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), contexts, new FakeVpsUseCases());

    @Test
    void aProvisionStoresTheSubscriptionAndAccountAndAnswers200WithTheRepresentation() {
        Response response = sync(api, "/contexts").post(json(Fixtures.read("context-provision.json")));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree(REPRESENTATION));
        assertThat(contexts.changes).containsExactly(
                new Call("save", new ProvisionContextCommand(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT)));
    }

    @Test
    void withoutASubscriptionLinkTheSubscriptionComesFromTheApsObject() {
        String body = Fixtures.edited("context-provision.json", context -> context.remove("subscription"));

        assertThat(sync(api, "/contexts").post(json(body)).getStatus()).isEqualTo(200);
        assertThat(contexts.changes).extracting(call -> ((ProvisionContextCommand) call.argument()).subscriptionId())
                .containsExactly(SUBSCRIPTION);
    }

    @Test
    void aProvisionWithoutAnIdOrWithAnInvalidLinkIs400() {
        String noId = Fixtures.edited("context-provision.json", context -> context.with("aps").remove("id"));
        String badAccount = Fixtures.edited("context-provision.json",
                context -> context.with("account").with("aps").put("id", "acme"));

        assertThat(assertApsError(sync(api, "/contexts").post(json(noId)), 400, "InvalidRequest")).contains("aps.id");
        assertThat(assertApsError(sync(api, "/contexts").post(json(badAccount)), 400, "InvalidRequest"))
                .contains("account.aps.id");
        assertThat(assertApsError(sync(api, "/contexts").post(json("")), 400, "InvalidRequest")).contains("body");
        assertThat(contexts.changes).isEmpty();
    }

    @Test
    void aKnownContextIsRetrieved() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        Response response = sync(api, "/contexts/" + CONTEXT).get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree(REPRESENTATION));
    }

    @Test
    void aContextOfAnotherInstanceOrNoneIs404() {
        contexts.add(UNKNOWN, CONTEXT, SUBSCRIPTION, ACCOUNT);

        assertApsError(sync(api, "/contexts/" + CONTEXT).get(), 404, "NotFound");
        assertApsError(sync(api, "/contexts/" + CONTAINER_VPS).get(), 404, "NotFound");
    }

    @Test
    void aConfigurationSavesTheContextOfTheAddress() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, null);

        Response response = sync(api, "/contexts/" + CONTEXT).put(json(Fixtures.read("context-provision.json")));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class)).at("/account/aps/id").textValue())
                .isEqualTo(ACCOUNT.toString());
    }

    @Test
    void aConfigurationWhoseBodyNamesAnotherContextIs400() {
        assertThat(assertApsError(sync(api, "/contexts/" + UNKNOWN).put(json(Fixtures.read("context-provision.json"))),
                400, "InvalidRequest")).contains("aps.id");
        assertThat(contexts.changes).isEmpty();
    }

    @Test
    void anUnprovisionIsAnswered204() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        Response response = sync(api, "/contexts/" + CONTEXT).delete();

        assertThat(response.getStatus()).isEqualTo(204);
        assertApsError(sync(api, "/contexts/" + CONTEXT).get(), 404, "NotFound");
    }

    @Test
    void anUnprovisionOfAContextWithVpsesIsAConflict() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);
        contexts.markBusy(CONTEXT);

        assertApsError(sync(api, "/contexts/" + CONTEXT).delete(), 409, "Conflict");
    }

    @Test
    void anUnprovisionOfAnUnknownContextIs404() {
        assertApsError(sync(api, "/contexts/" + CONTEXT).delete(), 404, "NotFound");
    }

    @Test
    void aLinkNotificationIsAnswered200WithAnEmptyObject() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        Response response = sync(api, "/contexts/" + CONTEXT + "/vpses").post(json(Fixtures.read("link-notification.json")));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Fixtures.tree(response.readEntity(String.class))).isEqualTo(Fixtures.tree("{}"));
        assertThat(contexts.acknowledgedRelations).containsExactly("vpses");
    }

    @Test
    void anUnlinkNotificationIsAnswered204() {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        Response response = sync(api, "/contexts/" + CONTEXT + "/vpses/" + CONTAINER_VPS).delete();

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(contexts.acknowledgedRelations).containsExactly("vpses");
    }

    @Test
    void notificationsAboutAnUnknownContextAre404() {
        assertApsError(sync(api, "/contexts/" + CONTEXT + "/vpses").post(json(Fixtures.read("link-notification.json"))),
                404, "NotFound");
        assertApsError(sync(api, "/contexts/" + CONTEXT + "/vpses/" + CONTAINER_VPS).delete(), 404, "NotFound");
    }

    @ParameterizedTest(name = "link and unlink of {0}")
    @CsvSource({"cloud", "subscription", "account", "vpses"})
    void everyDeclaredRelationIsAcknowledged(String relation) {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        assertThat(sync(api, "/contexts/" + CONTEXT + "/" + relation).post(json(Fixtures.read("link-notification.json")))
                .getStatus()).isEqualTo(200);
        assertThat(sync(api, "/contexts/" + CONTEXT + "/" + relation + "/" + UNKNOWN).delete().getStatus()).isEqualTo(204);
        assertThat(contexts.acknowledgedRelations).containsExactly(relation, relation);
    }

    @ParameterizedTest(name = "{0} /contexts/id/{1}")
    @CsvSource({"POST, anything", "GET, anything", "PUT, anything", "DELETE, anything",
                "POST, contexts", "POST, vps", "DELETE, context/00000000-0000-4000-8000-000000000000"})
    void anythingTheContextTypeDoesNotDeclareIs404WhateverTheVerb(String verb, String name) {
        contexts.add(INSTANCE, CONTEXT, SUBSCRIPTION, ACCOUNT);

        Response response = sync(api, "/contexts/" + CONTEXT + "/" + name)
                .method(verb, verb.equals("POST") || verb.equals("PUT") ? json("{}") : null);

        assertApsError(response, 404, "NotFound");
        assertThat(contexts.acknowledgedRelations).isEmpty();
    }
}
