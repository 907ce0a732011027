package org.vpsconnector.application.port.in;

/** How far a reconcile pass may go beyond reporting what it finds. */
public enum ReconcileMode {
    /** Reports only; changes nothing. */
    DRY_RUN,
    /**
     * The periodic pass: destroys servers of deleted and failed VPSes and records power states the
     * backends show; everything else is reported for an operator.
     */
    SAFE_REPAIRS,
    /** An operator's request: every repair a finding offers. */
    APPLY
}
