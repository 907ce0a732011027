package org.vpsconnector.application.service;

import java.util.Objects;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ConfigureVpsUseCase;
import org.vpsconnector.application.port.in.GetVpsQuery;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.ProvisionVpsUseCase;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.domain.VpsSpec;

/**
 * Asks the backend of a new VPS whether it takes new servers before anything is stored: one
 * that refuses (a Docker engine that cannot cap a container's disk, configured to refuse) turns
 * the order away with its reason. What a backend says a server lacks (a disk size it does not
 * enforce) is added to the answer's information. A VPS already known is answered as before.
 */
public final class BackendAcceptance implements ProvisionVpsUseCase, ConfigureVpsUseCase {
    private final ProvisionVpsUseCase provisioning;
    private final ConfigureVpsUseCase configuration;
    private final GetVpsQuery vpses;
    private final Fleet fleet;

    public BackendAcceptance(ProvisionVpsUseCase provisioning, ConfigureVpsUseCase configuration, GetVpsQuery vpses,
                             Fleet fleet) {
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.vpses = Objects.requireNonNull(vpses, "vpses");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    @Override
    public VpsAnswer provision(ProvisionVpsCommand command) {
        Acceptance acceptance = fleet.acceptance(command.spec().technology());
        if (acceptance.refuses() && !known(command)) {
            throw new ServiceUnavailableException("no " + command.spec().technology().name().toLowerCase()
                    + " VPS can be provisioned now: " + acceptance.refusal());
        }
        return withCaveat(provisioning.provision(command), acceptance);
    }

    @Override
    public VpsAnswer configure(ConfigureVpsCommand command) {
        VpsSpec spec = command.spec();
        return withCaveat(configuration.configure(command), fleet.acceptance(spec.technology()));
    }

    private boolean known(ProvisionVpsCommand command) {
        try {
            vpses.get(command.instanceId(), command.vpsId());
            return true;
        } catch (NotFoundException unknown) {
            return false;
        }
    }

    private static VpsAnswer withCaveat(VpsAnswer answer, Acceptance acceptance) {
        if (acceptance.caveat() == null || answer.outcome() == VpsAnswer.Outcome.FAILED
                || answer.outcome() == VpsAnswer.Outcome.GONE) {
            return answer;
        }
        String info = answer.info() == null ? acceptance.caveat() : answer.info() + "; " + acceptance.caveat();
        return new VpsAnswer(answer.outcome(), answer.vps(), answer.retryTimeoutSeconds(), info);
    }
}
