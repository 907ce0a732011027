package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.RequestPhase;

class BackendAcceptanceTest {
    private final World world = new World();
    private Acceptance containersSay = Acceptance.UNRESERVED;
    private final BackendAcceptance requests = new BackendAcceptance(world.requests, world.requests, world.requests,
            Fleet.of(saying(world.boundedContainers), world.boundedHypervisor));

    @Test
    void aBackendThatRefusesNewServersTurnsTheOrderAwayWithItsReasonAndNothingIsStored() {
        UUID instanceId = world.installInstance();
        UUID vpsId = UUID.randomUUID();
        containersSay = Acceptance.refused("the engine cannot cap a container's disk size");

        assertThatThrownBy(() -> requests.provision(World.provision(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("no container VPS can be provisioned now: the engine cannot cap a container's disk size");
        assertThatThrownBy(() -> world.requests.get(instanceId, vpsId)).isInstanceOf(NotFoundException.class);
        assertThat(world.containers.invocations()).isEmpty();
    }

    @Test
    void aVpsMadeBeforeTheBackendRefusedIsAnsweredAsBefore() {
        UUID instanceId = world.installInstance();
        UUID vpsId = UUID.randomUUID();
        VpsAnswer first = requests.provision(World.provision(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC));
        containersSay = Acceptance.refused("the engine cannot cap a container's disk size");

        VpsAnswer repeated = requests.provision(World.provision(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC));

        assertThat(repeated.outcome()).isEqualTo(first.outcome()).isEqualTo(VpsAnswer.Outcome.DONE);
    }

    @Test
    void whatABackendSaysAServerLacksIsInTheAnswer() {
        UUID instanceId = world.installInstance();
        containersSay = Acceptance.withCaveat("diskspace is not enforced");

        VpsAnswer answer = requests.provision(World.provision(instanceId, UUID.randomUUID(), RequestPhase.SYNC,
                World.CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.DONE);
        assertThat(answer.info()).endsWith("diskspace is not enforced");
    }

    @Test
    void whatABackendSaysAServerLacksIsInTheAnswerToAConfigureToo() {
        UUID instanceId = world.installInstance();
        UUID vpsId = UUID.randomUUID();
        requests.provision(World.provision(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC));
        containersSay = Acceptance.withCaveat("diskspace is not enforced");

        VpsAnswer answer = requests.configure(new ConfigureVpsCommand(instanceId, vpsId, RequestPhase.SYNC,
                World.containerSpec(4, 30, 2), "tx-2"));

        assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.DONE);
        assertThat(answer.info()).endsWith("; diskspace is not enforced");
        assertThat(answer.vps().spec().hardware().memoryGb()).isEqualTo(4);
    }

    @Test
    void aFailedOrderCarriesNoCaveatAboutAServerItDidNotMake() {
        UUID instanceId = world.installInstance();
        containersSay = Acceptance.withCaveat("diskspace is not enforced");
        world.containers.failNext(Call.CREATE, 1, false);

        VpsAnswer answer = requests.provision(World.provision(instanceId, UUID.randomUUID(), RequestPhase.SYNC,
                World.CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.FAILED);
        assertThat(answer.info()).doesNotContain("diskspace is not enforced");
    }

    private ContainerBackend saying(ContainerBackend backend) {
        return (ContainerBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ContainerBackend.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("acceptance")) {
                        return containersSay;
                    }
                    try {
                        return method.invoke(backend, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }
}
