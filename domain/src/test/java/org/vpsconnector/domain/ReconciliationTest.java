package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.domain.Fixtures.SPEC_A;
import static org.vpsconnector.domain.Fixtures.operation;
import static org.vpsconnector.domain.Fixtures.vps;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.domain.Reconciliation.Finding;
import org.vpsconnector.domain.Reconciliation.Repair;
import org.vpsconnector.domain.Reconciliation.Verdict;

class ReconciliationTest {

    /**
     * A container VPS (or none: "-") with its newest operation (or none), against the container
     * backend showing its server RUNNING, STOPPED or not at all ("-").
     */
    @ParameterizedTest(name = "{0} {1}, {2} {3}, server {4} -> {5} {6} {7}")
    @CsvSource({
            // lifecycle,   state,    operation,   status,    server,  finding,           repair,         unattended
            "-,             -,        -,           -,         RUNNING, ORPHAN,            DESTROY_SERVER, no",
            "DELETED,       DELETING, UNPROVISION, SUCCEEDED, STOPPED, ORPHAN,            DESTROY_SERVER, yes",
            "FAILED,        ERROR,    PROVISION,   FAILED,    RUNNING, ORPHAN,            DESTROY_SERVER, yes",
            "READY,         RUNNING,  PROVISION,   SUCCEEDED, STOPPED, POWER_STATE_DRIFT, RECORD_STATE,   yes",
            "READY,         STOPPED,  STOP,        SUCCEEDED, RUNNING, POWER_STATE_DRIFT, RECORD_STATE,   yes",
            "READY,         ERROR,    START,       FAILED,    RUNNING, POWER_STATE_DRIFT, RECORD_STATE,   yes",
            "READY,         RUNNING,  PROVISION,   SUCCEEDED, -,       MISSING_SERVER,    RECORD_STATE,   no",
            "READY,         STOPPED,  UNPROVISION, FAILED,    -,       MISSING_SERVER,    RECORD_STATE,   no",
            "READY,         ERROR,    START,       FAILED,    -,       MISSING_SERVER,    NONE,           no",
            // Agreement, and nothing where there should be nothing.
            "READY,         RUNNING,  PROVISION,   SUCCEEDED, RUNNING, -,                 -,              -",
            "READY,         STOPPED,  STOP,        SUCCEEDED, STOPPED, -,                 -,              -",
            "DELETED,       DELETING, UNPROVISION, SUCCEEDED, -,       -,                 -,              -",
            "FAILED,        ERROR,    PROVISION,   FAILED,    -,       -,                 -,              -",
            "-,             -,        -,           -,         -,       -,                 -,              -",
            // Work in flight owns the VPS: a server it is building is no orphan, one it removes is not missing.
            "PROVISIONING,  CREATING, PROVISION,   RUNNING,   RUNNING, -,                 -,              -",
            "PROVISIONING,  CREATING, PROVISION,   ACCEPTED,  -,       -,                 -,              -",
            "UNPROVISIONING,DELETING, UNPROVISION, RUNNING,   -,       -,                 -,              -",
            "UNPROVISIONING,DELETING, UNPROVISION, RUNNING,   RUNNING, -,                 -,              -",
            "READY,         STOPPING, STOP,        RUNNING,   RUNNING, -,                 -,              -",
            "CONFIGURING,   CONFIGURING, CONFIGURE, RUNNING,  STOPPED, -,                 -,              -",
    })
    void judges(String lifecycle, String state, String kind, String status, String server,
                String finding, String repair, String unattended) {
        Optional<Vps> vps = lifecycle.equals("-") ? Optional.empty()
                : Optional.of(vps(Lifecycle.valueOf(lifecycle), PowerState.valueOf(state), SPEC_A));
        Optional<Operation> latest = kind.equals("-") ? Optional.empty()
                : Optional.of(operation(OperationKind.valueOf(kind), OperationStatus.valueOf(status), SPEC_A));
        Optional<PowerState> shown = server.equals("-") ? Optional.empty() : Optional.of(PowerState.valueOf(server));

        Optional<Verdict> verdict = Reconciliation.judge(Technology.CONTAINER, vps, latest, shown);

        if (finding.equals("-")) {
            assertThat(verdict).isEmpty();
            return;
        }
        assertThat(verdict).hasValueSatisfying(found -> {
            assertThat(found.finding()).isEqualTo(Finding.valueOf(finding));
            assertThat(found.repair()).isEqualTo(Repair.valueOf(repair));
            assertThat(found.unattended()).isEqualTo(unattended.equals("yes"));
        });
    }

    @ParameterizedTest(name = "a {0} server, recorded {1}")
    @CsvSource({"RUNNING, STOPPED", "STOPPED, RUNNING", "RUNNING, ERROR"})
    void driftRecordsWhatTheBackendShows(PowerState shown, PowerState recorded) {
        Verdict verdict = Reconciliation.judge(Technology.CONTAINER, Optional.of(vps(Lifecycle.READY, recorded, SPEC_A)),
                Optional.of(operation(OperationKind.PROVISION, OperationStatus.SUCCEEDED, SPEC_A)), Optional.of(shown)).orElseThrow();

        assertThat(verdict.stateToRecord()).isEqualTo(shown);
        assertThat(verdict.expected()).isEqualTo(recorded.apsName());
        assertThat(verdict.found()).isEqualTo(shown.apsName());
        assertThat(verdict.action()).isEqualTo("record state " + shown.apsName());
    }

    @ParameterizedTest(name = "a server of a {0} VPS: {1}")
    @CsvSource({
            "DELETED, DELETING, UNPROVISION, SUCCEEDED, no server: the VPS is deleted",
            "FAILED,  ERROR,    PROVISION,   FAILED,    no server: the provision of the VPS failed",
    })
    void an_orphan_says_why_its_vps_should_have_no_server(Lifecycle lifecycle, PowerState state, OperationKind kind,
                                                          OperationStatus status, String expected) {
        Verdict verdict = Reconciliation.judge(Technology.CONTAINER, Optional.of(vps(lifecycle, state, SPEC_A)),
                Optional.of(operation(kind, status, SPEC_A)), Optional.of(PowerState.STOPPED)).orElseThrow();

        assertThat(verdict.expected()).isEqualTo(expected);
        assertThat(verdict.found()).isEqualTo("Stopped server");
        assertThat(verdict.action()).isEqualTo("destroy the server");
    }

    @Test
    void aMissingServerIsRecordedAsError() {
        Verdict verdict = Reconciliation.judge(Technology.CONTAINER, Optional.of(vps(Lifecycle.READY, PowerState.RUNNING, SPEC_A)),
                Optional.of(operation(OperationKind.PROVISION, OperationStatus.SUCCEEDED, SPEC_A)), Optional.empty()).orElseThrow();

        assertThat(verdict.stateToRecord()).isEqualTo(PowerState.ERROR);
        assertThat(verdict.expected()).contains("aps:ready", "Running");
        assertThat(verdict.found()).isEqualTo("no server");
    }

    @Test
    void aServerOnTheOtherBackendIsAnOrphanLeftToAnOperator() {
        Vps container = vps(Lifecycle.READY, PowerState.RUNNING, SPEC_A);
        Optional<Operation> done = Optional.of(operation(OperationKind.PROVISION, OperationStatus.SUCCEEDED, SPEC_A));

        Verdict stray = Reconciliation.judge(Technology.VIRTUAL_MACHINE, Optional.of(container), done, Optional.of(PowerState.RUNNING))
                .orElseThrow();

        assertThat(stray.finding()).isEqualTo(Finding.ORPHAN);
        assertThat(stray.unattended()).isFalse();
        assertThat(Reconciliation.judge(Technology.VIRTUAL_MACHINE, Optional.of(container), done, Optional.empty()))
                .as("a container is not missing from the hypervisor").isEmpty();
    }
}
