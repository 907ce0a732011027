package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import org.vpsconnector.bootstrap.backend.ContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeHypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.HypervisorBackendFactory;

/** The backend of each technology, chosen by its {@code type}, and the bounds of every call to them. */
public class BackendsConfiguration {
    /** How long any one call to a backend may take before it is abandoned as a transient failure. */
    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(30);

    /** Calls to one backend under way at once (abandoned calls still blocked included); more are refused. */
    @Min(1)
    @JsonProperty
    private int maxCalls = 32;

    @Valid
    @NotNull
    @JsonProperty
    private ContainerBackendFactory container = new FakeContainerBackendFactory();

    @Valid
    @NotNull
    @JsonProperty
    private HypervisorBackendFactory hypervisor = new FakeHypervisorBackendFactory();

    @JsonIgnore
    @AssertTrue(message = "container.pullTimeout must be shorter than backends.callTimeout, which bounds the whole create")
    public boolean isPullShorterThanACall() {
        return container.longestStep().compareTo(callTimeout()) < 0;
    }

    public ContainerBackendFactory getContainer() {
        return container;
    }

    public HypervisorBackendFactory getHypervisor() {
        return hypervisor;
    }

    public java.time.Duration callTimeout() {
        return callTimeout.toJavaDuration();
    }

    /** The bounds of the calls to one backend, named in failure messages. */
    public BoundedCalls boundedCalls(String backend) {
        return new BoundedCalls(backend, callTimeout(), maxCalls, MdcLogContext.INSTANCE);
    }
}
