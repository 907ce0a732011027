package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationStatusTest {

    /** All 25 pairs; "yes" marks a legal move. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // from,    to,        legal
            "ACCEPTED,  ACCEPTED,  no",
            "ACCEPTED,  RUNNING,   yes",
            "ACCEPTED,  SUCCEEDED, yes",
            "ACCEPTED,  FAILED,    yes",
            "ACCEPTED,  CANCELLED, yes",

            "RUNNING,   ACCEPTED,  no",
            "RUNNING,   RUNNING,   yes",
            "RUNNING,   SUCCEEDED, yes",
            "RUNNING,   FAILED,    yes",
            "RUNNING,   CANCELLED, yes",

            "SUCCEEDED, ACCEPTED,  no",
            "SUCCEEDED, RUNNING,   no",
            "SUCCEEDED, SUCCEEDED, no",
            "SUCCEEDED, FAILED,    no",
            "SUCCEEDED, CANCELLED, no",

            "FAILED,    ACCEPTED,  yes",
            "FAILED,    RUNNING,   no",
            "FAILED,    SUCCEEDED, no",
            "FAILED,    FAILED,    no",
            "FAILED,    CANCELLED, no",

            "CANCELLED, ACCEPTED,  no",
            "CANCELLED, RUNNING,   no",
            "CANCELLED, SUCCEEDED, no",
            "CANCELLED, FAILED,    no",
            "CANCELLED, CANCELLED, no",
    })
    void an_operation_status_moves_only_along_the_legal_transitions(OperationStatus from, OperationStatus to, String legal) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal.equals("yes"));
    }

    @ParameterizedTest(name = "{0} finished: {1}")
    @CsvSource({
            "ACCEPTED,  false",
            "RUNNING,   false",
            "SUCCEEDED, true",
            "FAILED,    true",
            "CANCELLED, true",
    })
    void only_succeeded_failed_and_cancelled_are_finished(OperationStatus status, boolean finished) {
        assertThat(status.isFinished()).isEqualTo(finished);
    }
}
