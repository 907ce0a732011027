package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Should bootstrap leave Dropwizard's default mappers on, ours still answer for the types both claim. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DropwizardDefaultMappersTest {
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.builder(new FakeInstances(), new FakeContexts(), vpses)
            .setRegisterDefaultExceptionMappers(true)
            .build();

    @Test
    void malformedJsonIsAnsweredAsAnApsError() {
        assertApsError(sync(api, "/vpses").post(json("{")), 400, "MalformedJson");
        assertApsError(sync(api, "/vpses").post(json("{\"aps\": {\"id\": 5}}")), 400, "InvalidJson");
    }

    @Test
    void anUnexpectedFailureIsAnsweredAsAnApsError() {
        vpses.crashWith(new UnsupportedOperationException("not yet"));

        assertApsError(sync(api, "/vpses/" + Fixtures.UNKNOWN).get(), 500, "InternalError");
    }
}
