package org.vpsconnector.adapters.apsrest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.application.port.in.ManageInstancesUseCase;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/** Application instances in a map. */
final class FakeInstances implements ManageInstancesUseCase {

    final List<Call> changes = new ArrayList<>();
    private final Map<UUID, ApplicationInstance> instances = new HashMap<>();

    ApplicationInstance add(UUID id) {
        ApplicationInstance instance = new ApplicationInstance(id, "https://controller.example.net:6308/",
                Secret.of("self certificate"), "controller certificate", "1.0", FakeVpsUseCases.NOW);
        instances.put(id, instance);
        return instance;
    }

    Optional<ApplicationInstance> find(UUID id) {
        return Optional.ofNullable(instances.get(id));
    }

    @Override
    public ApplicationInstance install(InstallInstanceCommand command) {
        changes.add(new Call("install", command));
        ApplicationInstance instance = new ApplicationInstance(command.instanceId(), command.controllerUri(),
                command.selfCertificate(), command.controllerCertificate(), "1.0", FakeVpsUseCases.NOW);
        instances.put(instance.id(), instance);
        return instance;
    }

    @Override
    public ApplicationInstance get(UUID instanceId) {
        return known(instanceId);
    }

    @Override
    public ApplicationInstance upgrade(UUID instanceId, String fromVersion) {
        changes.add(new Call("upgrade", fromVersion));
        ApplicationInstance upgraded = known(instanceId).upgradedTo("2.0");
        instances.put(instanceId, upgraded);
        return upgraded;
    }

    @Override
    public void remove(UUID instanceId) {
        changes.add(new Call("remove", instanceId));
        instances.remove(known(instanceId).id());
    }

    private ApplicationInstance known(UUID instanceId) {
        ApplicationInstance instance = instances.get(instanceId);
        if (instance == null) {
            throw new NotFoundException("no application instance " + instanceId);
        }
        return instance;
    }
}
