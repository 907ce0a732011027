package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTEXT;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.SUBSCRIPTION;
import static org.vpsconnector.adapters.apsrest.Fixtures.VM_VPS;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.VpsSpec;

/** The body of a resource update is the body of a retrieve. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VpsJsonRepresentationTest {
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), new FakeContexts(), vpses);

    @Test
    void rendersAVpsExactlyAsARetrieveAnswersIt() {
        VpsSpec spec = new VpsSpec("db-01", "database", new Hardware(2, 20, 2, true),
                new Platform("x86_64", "debian", "12"), CONTEXT, SUBSCRIPTION);
        vpses.ready(INSTANCE, VM_VPS, spec, PowerState.RUNNING);

        String retrieved = sync(api, "/vpses/" + VM_VPS).get(String.class);
        String rendered = new VpsJsonRepresentation(api.getObjectMapper()).render(vpses.get(INSTANCE, VM_VPS));

        assertThat(Fixtures.tree(rendered)).isEqualTo(Fixtures.tree(retrieved));
        assertThat(Fixtures.tree(rendered).at("/state").textValue()).isEqualTo("Running");
    }
}
