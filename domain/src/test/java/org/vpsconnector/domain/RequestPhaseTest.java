package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPhaseTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(value = {
            "'',        SYNC",
            "'   ',     SYNC",
            "sync,      SYNC",
            "SYNC,      SYNC",
            "' Sync ',  SYNC",
            "async,     ASYNC",
            "ASYNC,     ASYNC",
            "' aSync ', ASYNC",
    })
    void the_header_names_the_phase_in_any_case(String header, RequestPhase phase) {
        assertThat(RequestPhase.fromHeader(header)).isEqualTo(phase);
    }

    @Test
    void a_missing_header_means_sync() {
        assertThat(RequestPhase.fromHeader(null)).isEqualTo(RequestPhase.SYNC);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"asynch", "synchronous", "poll", "1", "a sync"})
    void any_other_value_is_an_invalid_request(String header) {
        assertThatThrownBy(() -> RequestPhase.fromHeader(header))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("APS-Request-Phase")
                .hasMessageContaining(header);
    }
}
