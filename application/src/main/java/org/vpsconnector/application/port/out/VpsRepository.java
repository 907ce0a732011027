package org.vpsconnector.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Vps;

public interface VpsRepository {
    Optional<Vps> find(UUID id);

    void insert(Vps vps);

    void update(Vps vps);

    List<Vps> listByInstance(UUID instanceId);
}
