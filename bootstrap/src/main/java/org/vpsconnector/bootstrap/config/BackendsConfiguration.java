package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.port.out.BackendCallObserver;
import org.vpsconnector.application.port.out.BoundedBackend;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.vpsconnector.bootstrap.backend.ContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.ContainerFleetFactory;
import org.vpsconnector.bootstrap.backend.HypervisorFleetFactory;
import org.vpsconnector.bootstrap.backend.FakeContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeHypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.HypervisorBackendFactory;

/**
 * The hosts of each technology: one backend chosen by its {@code type}, or several listed under
 * {@code type: fleet}; how new VPSes are placed among them, how often each is checked, and the
 * bounds of every call to them.
 */
public class BackendsConfiguration {
    /** How long any one call to a backend may take before it is abandoned as a transient failure. */
    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(30);

    /** Calls to one backend under way at once (abandoned calls still blocked included); more are refused. */
    @Min(1)
    @JsonProperty
    private int maxCalls = 32;

    /** Whether a subscription's VPSes go to different hosts first, so one host's failure takes few of a customer's servers. */
    @JsonProperty
    private boolean spreadSubscriptions = false;

    /** How often each host is pinged: one found down gets no new VPS, and its VPSes' operations wait for it. */
    @NotNull
    @JsonProperty
    private Duration hostCheckInterval = Duration.seconds(10);

    /** Without a {@code type}, a list of {@code hosts}: a fleet. */
    @Valid
    @NotNull
    @JsonProperty
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ContainerFleetFactory.class)
    private ContainerBackendFactory container = new FakeContainerBackendFactory();

    @Valid
    @NotNull
    @JsonProperty
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = HypervisorFleetFactory.class)
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

    public boolean spreadsSubscriptions() {
        return spreadSubscriptions;
    }

    public java.time.Duration hostCheckInterval() {
        return hostCheckInterval.toJavaDuration();
    }

    /**
     * Builds every host, each backend behind bounds of its own. A single backend is one host named
     * {@value Fleet#CONTAINER_HOST} or {@value Fleet#HYPERVISOR_HOST}, its calls bounded as before.
     */
    public Fleet buildFleet(Environment environment, Clock clock) {
        return buildFleet(environment, clock, (technology, host) -> BackendCallObserver.NONE);
    }

    /** Like {@link #buildFleet(Environment, Clock)}, the calls to each host told to the observer {@code observers} gives for it. */
    public Fleet buildFleet(Environment environment, Clock clock, BiFunction<String, String, BackendCallObserver> observers) {
        List<Host> hosts = new ArrayList<>();
        for (ContainerBackendFactory host : container.hosts()) {
            String name = Objects.requireNonNullElse(host.getName(), Fleet.CONTAINER_HOST);
            hosts.add(new Host(name, Technology.CONTAINER, BoundedBackend.containers(host.build(environment, clock, name),
                    boundedCalls(host.getName() == null ? "container" : "container host " + name,
                            observers.apply(Host.kindOf(Technology.CONTAINER), name))), host.capacity()));
        }
        for (HypervisorBackendFactory host : hypervisor.hosts()) {
            String name = Objects.requireNonNullElse(host.getName(), Fleet.HYPERVISOR_HOST);
            hosts.add(new Host(name, Technology.VIRTUAL_MACHINE, BoundedBackend.hypervisor(host.build(environment, clock, name),
                    boundedCalls(host.getName() == null ? "hypervisor" : "hypervisor host " + name,
                            observers.apply(Host.kindOf(Technology.VIRTUAL_MACHINE), name))), host.capacity()));
        }
        return new Fleet(hosts);
    }

    /** The technologies configured as a fleet: their hosts' checks steer placement and operations. */
    public Set<Technology> fleetTechnologies() {
        Set<Technology> fleets = EnumSet.noneOf(Technology.class);
        if (container instanceof ContainerFleetFactory) {
            fleets.add(Technology.CONTAINER);
        }
        if (hypervisor instanceof HypervisorFleetFactory) {
            fleets.add(Technology.VIRTUAL_MACHINE);
        }
        return fleets;
    }

    /** The bounds of the calls to one backend, named in failure messages. */
    public BoundedCalls boundedCalls(String backend) {
        return boundedCalls(backend, BackendCallObserver.NONE);
    }

    private BoundedCalls boundedCalls(String backend, BackendCallObserver observer) {
        return new BoundedCalls(backend, callTimeout(), maxCalls, MdcLogContext.INSTANCE, observer);
    }
}
