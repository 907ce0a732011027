package org.vpsconnector.application.service;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.application.port.in.ManageInstancesUseCase;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Vps;

public final class InstanceService implements ManageInstancesUseCase {
    private final Transactions transactions;
    private final Clock clock;
    private final String connectorVersion;
    private final ControllerTrust trust;

    /**
     * {@code connectorVersion} is the version of this connector, which every install and upgrade
     * records; {@code trust} decides which client may install or re-install an instance.
     */
    public InstanceService(Transactions transactions, Clock clock, String connectorVersion, ControllerTrust trust) {
        this.transactions = transactions;
        this.clock = clock;
        this.connectorVersion = connectorVersion;
        this.trust = trust;
    }

    @Override
    public ApplicationInstance install(InstallInstanceCommand command) {
        return transactions.inTransactionRetryingConcurrentWrite(repositories -> {
            Optional<ApplicationInstance> installed = repositories.instances().find(command.instanceId());
            // Checked again here, in the transaction that writes: a stranger racing the controller's first install loses.
            installed.ifPresentOrElse(instance -> trust.requireReinstall(instance, command),
                    () -> trust.requireFirstInstall(command));
            ApplicationInstance instance = new ApplicationInstance(command.instanceId(), command.controllerUri(),
                    command.selfCertificate(), command.controllerCertificate(), connectorVersion,
                    installed.map(ApplicationInstance::installedAt).orElse(clock.instant()));
            repositories.instances().save(instance);
            return instance;
        });
    }

    @Override
    public ApplicationInstance get(UUID instanceId) {
        return transactions.inTransaction(repositories -> find(repositories, instanceId));
    }

    @Override
    public ApplicationInstance upgrade(UUID instanceId, String fromVersion) {
        return transactions.inTransaction(repositories -> {
            // The controller names the version it upgrades from; what runs now is this connector's.
            ApplicationInstance upgraded = find(repositories, instanceId).upgradedTo(connectorVersion);
            repositories.instances().save(upgraded);
            return upgraded;
        });
    }

    @Override
    public void remove(UUID instanceId) {
        transactions.inTransaction(repositories -> {
            find(repositories, instanceId);
            long live = repositories.vpses().listByInstance(instanceId).stream()
                    .filter(Vps::isLive)
                    .count();
            if (live > 0) {
                throw new ConflictException("the instance still has " + live + " VPS(es); unprovision them first");
            }
            repositories.instances().delete(instanceId);
            return null;
        });
    }

    private static ApplicationInstance find(Repositories repositories, UUID instanceId) {
        return repositories.instances().find(instanceId)
                .orElseThrow(() -> new NotFoundException("no application instance " + instanceId));
    }
}
