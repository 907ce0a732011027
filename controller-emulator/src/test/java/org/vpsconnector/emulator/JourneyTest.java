package org.vpsconnector.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vpsconnector.emulator.Journey.Step;

class JourneyTest {
    @Test
    void aJourneyIsTakenStepByStepWithEachRepeatSpelledOut() {
        Journey journey = Journey.parse("provision, retrieve*3,configure,stop,start,unprovision");

        assertThat(steps(journey)).containsExactly(Step.PROVISION, Step.RETRIEVE, Step.RETRIEVE, Step.RETRIEVE,
                Step.CONFIGURE, Step.STOP, Step.START, Step.UNPROVISION);
        assertThat(journey.steps()).as("taken again from its start").startsWith(Step.PROVISION, Step.RETRIEVE);
    }

    @Test
    void aJourneyIsPrintedAsWrittenHoweverLongItIs() {
        Journey journey = Journey.parse("provision,retrieve*1000000");

        assertThat(journey).hasToString("provision,retrieve*1000000");
        assertThat(Journey.parse("provision,retrieve,retrieve*1,stop")).hasToString("provision,retrieve,retrieve,stop");
        long retrieves = 0;
        for (Step step : journey.steps()) {
            retrieves += step == Step.RETRIEVE ? 1 : 0;
        }
        assertThat(retrieves).isEqualTo(1_000_000);
    }

    @Test
    void aJourneyProvisionsFirstAndOnce() {
        assertThatThrownBy(() -> Journey.parse("retrieve,provision")).hasMessageContaining("provisions first, and once");
        assertThatThrownBy(() -> Journey.parse("provision*2,retrieve")).hasMessageContaining("provisions first, and once");
        assertThatThrownBy(() -> Journey.parse("provision,retrieve,provision")).hasMessageContaining("provisions first, and once");
    }

    @Test
    void aStepRepeatedNoTimesOrTwiceCountedIsNoStep() {
        assertThatThrownBy(() -> Journey.parse("provision,retrieve*0")).hasMessageContaining("not a step: retrieve*0");
        assertThatThrownBy(() -> Journey.parse("provision,retrieve*2*2")).hasMessageContaining("not a step");
        assertThatThrownBy(() -> Journey.parse("provision,reboot")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Step> steps(Journey journey) {
        List<Step> steps = new ArrayList<>();
        journey.steps().forEach(steps::add);
        return steps;
    }
}
