package org.vpsconnector.application.port.in;

/** Brings the database and the backends back in line: removes leftovers, records drifted power states. */
public interface ReconcileUseCase {
    ReconcileReport reconcile();
}
