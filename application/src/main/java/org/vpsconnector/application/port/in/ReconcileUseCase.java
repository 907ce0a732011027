package org.vpsconnector.application.port.in;

import java.util.Optional;
import java.util.UUID;

/** Compares the database with the servers on the backends, and repairs what {@link ReconcileMode} allows. */
public interface ReconcileUseCase {

    /** Every VPS and every server of this installation. */
    default ReconcileReport reconcile(ReconcileMode mode) {
        return reconcile(mode, Optional.empty());
    }

    /** @param only repairs only findings about this VPS id, when present; everything is still reported */
    ReconcileReport reconcile(ReconcileMode mode, Optional<UUID> only);
}
