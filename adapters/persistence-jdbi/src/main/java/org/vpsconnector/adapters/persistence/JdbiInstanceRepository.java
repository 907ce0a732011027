package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.InstanceRepository;
import org.vpsconnector.domain.ApplicationInstance;

final class JdbiInstanceRepository implements InstanceRepository {
    private final InstanceDao dao;
    private final SecretSealing sealing;

    JdbiInstanceRepository(InstanceDao dao, SecretSealing sealing) {
        this.dao = dao;
        this.sealing = sealing;
    }

    @Override
    public Optional<ApplicationInstance> find(UUID id) {
        return dao.find(id).map(row -> row.toInstance(sealing));
    }

    @Override
    public boolean isInstalled(UUID id) {
        return dao.isInstalled(id);
    }

    @Override
    public Optional<String> controllerCertificateOf(UUID id) {
        return dao.controllerCertificateOf(id);
    }

    @Override
    public void save(ApplicationInstance instance) {
        // A repeated install keeps the sealed secret as stored: sealing again (a fresh nonce) would
        // change the row for a request that changes nothing.
        InstanceRow row = dao.find(instance.id())
                .filter(stored -> sameSecret(stored, instance))
                .map(stored -> InstanceRow.of(instance, stored.selfCertificate()))
                .orElseGet(() -> InstanceRow.of(instance, sealing));
        // Update-then-insert: an upsert both H2 and PostgreSQL understand the same way.
        if (dao.update(row) == 0) {
            dao.insert(row);
        }
    }

    private boolean sameSecret(InstanceRow stored, ApplicationInstance instance) {
        if (stored.selfCertificate() == null || instance.selfCertificate() == null) {
            return stored.selfCertificate() == null && instance.selfCertificate() == null;
        }
        return SecretSealing.isSealed(stored.selfCertificate())
                && sealing.open(stored.id(), stored.selfCertificate()).equals(instance.selfCertificate().reveal());
    }

    @Override
    public void delete(UUID id) {
        dao.delete(id);
    }

    /** Seals the {@code aps.x509.self} of rows stored before it was sealed; answers how many. */
    int sealUnsealed() {
        int sealed = 0;
        for (InstanceRow row : dao.listUnsealed()) {
            dao.updateSelfCertificate(row.id(), sealing.seal(row.id(), row.selfCertificate()));
            sealed++;
        }
        return sealed;
    }
}
