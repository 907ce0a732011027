package org.vpsconnector.adapters.apsrest;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import org.vpsconnector.application.port.in.AuthenticateControllerUseCase;

/** The API as bootstrap registers it, over the test doubles, and requests as the controller sends them. */
final class TestApi {
    static final String CONTROLLER_URI = "https://controller.example.net:6308/";

    private TestApi() {
    }

    static ResourceExtension of(FakeInstances instances, FakeContexts contexts, FakeVpsUseCases vpses) {
        return builder(instances, contexts, vpses).build();
    }

    /** Over an endpoint that asks for no certificate: every request may act for its instance. */
    static ResourceExtension.Builder builder(FakeInstances instances, FakeContexts contexts, FakeVpsUseCases vpses) {
        return builder(instances, contexts, vpses, (instanceId, presented, installing) -> { });
    }

    static ResourceExtension.Builder builder(FakeInstances instances, FakeContexts contexts, FakeVpsUseCases vpses,
                                             AuthenticateControllerUseCase authentication) {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setMapper(ApsJson.configure(Jackson.newObjectMapper()))
                .setRegisterDefaultExceptionMappers(false);
        new ApsRestApi(instances, contexts, vpses, vpses, vpses, vpses, vpses, vpses, vpses, authentication).components()
                .forEach(builder::addResource);
        return builder;
    }

    /** A first call: {@code APS-Request-Phase: sync}. */
    static Invocation.Builder sync(ResourceExtension api, String path) {
        return sync(api.target(path));
    }

    static Invocation.Builder sync(WebTarget target) {
        return withApsHeaders(target).header(ApsHeaders.REQUEST_PHASE, "sync");
    }

    /** A poll after a 202: {@code APS-Request-Phase: async}. */
    static Invocation.Builder async(ResourceExtension api, String path) {
        return withApsHeaders(api.target(path)).header(ApsHeaders.REQUEST_PHASE, "async");
    }

    static Invocation.Builder withApsHeaders(WebTarget target) {
        return target.request(MediaType.APPLICATION_JSON_TYPE)
                .header(ApsHeaders.CONTROLLER_URI, CONTROLLER_URI)
                .header(ApsHeaders.INSTANCE_ID, Fixtures.INSTANCE.toString())
                .header("APS-Transaction-ID", "7d1b0e9e-5d3c-4f0e-a1f6-2c9d6f0b8e41")
                .header("APS-Version", "2.0");
    }

    static Entity<String> json(String body) {
        return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
    }
}
