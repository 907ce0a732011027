package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {

    /** All 36 pairs; "yes" marks a legal move. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // from,          to,             legal
            "PROVISIONING,   PROVISIONING,   no",
            "PROVISIONING,   READY,          yes",
            "PROVISIONING,   CONFIGURING,    no",
            "PROVISIONING,   UNPROVISIONING, yes",
            "PROVISIONING,   DELETED,        no",
            "PROVISIONING,   FAILED,         yes",

            "READY,          PROVISIONING,   no",
            "READY,          READY,          no",
            "READY,          CONFIGURING,    yes",
            "READY,          UNPROVISIONING, yes",
            "READY,          DELETED,        no",
            "READY,          FAILED,         no",

            "CONFIGURING,    PROVISIONING,   no",
            "CONFIGURING,    READY,          yes",
            "CONFIGURING,    CONFIGURING,    no",
            "CONFIGURING,    UNPROVISIONING, no",
            "CONFIGURING,    DELETED,        no",
            "CONFIGURING,    FAILED,         no",

            "UNPROVISIONING, PROVISIONING,   no",
            "UNPROVISIONING, READY,          yes",
            "UNPROVISIONING, CONFIGURING,    no",
            "UNPROVISIONING, UNPROVISIONING, no",
            "UNPROVISIONING, DELETED,        yes",
            "UNPROVISIONING, FAILED,         no",

            "DELETED,        PROVISIONING,   no",
            "DELETED,        READY,          no",
            "DELETED,        CONFIGURING,    no",
            "DELETED,        UNPROVISIONING, no",
            "DELETED,        DELETED,        no",
            "DELETED,        FAILED,         no",

            "FAILED,         PROVISIONING,   yes",
            "FAILED,         READY,          no",
            "FAILED,         CONFIGURING,    no",
            "FAILED,         UNPROVISIONING, yes",
            "FAILED,         DELETED,        no",
            "FAILED,         FAILED,         no",
    })
    void a_lifecycle_moves_only_along_the_legal_transitions(Lifecycle from, Lifecycle to, String legal) {
        boolean expected = legal.equals("yes");

        assertThat(from.canMoveTo(to)).isEqualTo(expected);
        if (expected) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from.name())
                    .hasMessageContaining(to.name());
        }
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({
            "PROVISIONING,   aps:provisioning",
            "READY,          aps:ready",
            "CONFIGURING,    aps:configuring",
            "UNPROVISIONING, aps:unprovisioning",
            "DELETED,        aps:deleted",
            "FAILED,         aps:provisioning",
    })
    void each_lifecycle_maps_to_its_aps_status(Lifecycle lifecycle, String apsStatus) {
        assertThat(lifecycle.apsStatus()).isEqualTo(apsStatus);
    }
}
