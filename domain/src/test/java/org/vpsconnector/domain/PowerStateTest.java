package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PowerStateTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
            "CREATING,    Creating",
            "STOPPED,     Stopped",
            "STARTING,    Starting",
            "RUNNING,     Running",
            "STOPPING,    Stopping",
            "CONFIGURING, Configuring",
            "DELETING,    Deleting",
            "ERROR,       Error",
    })
    void each_state_has_its_aps_name_both_ways(PowerState state, String apsName) {
        assertThat(state.apsName()).isEqualTo(apsName);
        assertThat(PowerState.fromApsName(apsName)).isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"running", "RUNNING", "Paused", ""})
    void an_unknown_state_name_is_an_invalid_request(String name) {
        assertThatThrownBy(() -> PowerState.fromApsName(name)).isInstanceOf(InvalidRequestException.class);
    }
}
