package org.vpsconnector.adapters.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;

class FaultInjectorTest {

    @Test
    void failsAboutTheGivenShareOfCallsReproduciblyForASeed() {
        long failures = failuresIn(1000, new FaultInjector(new FaultSettings(0, 0.3, Duration.ZERO), new Random(42)));

        assertThat(failures).isBetween(250L, 350L)
                .isEqualTo(failuresIn(1000, new FaultInjector(new FaultSettings(0, 0.3, Duration.ZERO), new Random(42))));
    }

    @Test
    void countsDownTheCallsStillToFail() {
        FaultInjector faults = new FaultInjector(FaultSettings.none());
        faults.setFailNextCalls(2);

        assertThatThrownBy(() -> faults.beforeCall("start")).isInstanceOf(BackendException.class)
                .hasMessage("start: injected fault");

        assertThat(faults.settings().failNextCalls()).isEqualTo(1);
    }

    @Test
    void changingOneFaultKeepsTheOthers() {
        FaultInjector faults = new FaultInjector(new FaultSettings(3, 0.5, Duration.ofSeconds(1)));

        faults.setFailureProbability(0.25);

        assertThat(faults.settings()).isEqualTo(new FaultSettings(3, 0.25, Duration.ofSeconds(1)));
    }

    @Test
    void refusesImpossibleFaultsAndKeepsTheCurrentOnes() {
        FaultInjector faults = new FaultInjector(FaultSettings.none());

        assertThatThrownBy(() -> faults.setFailureProbability(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.setFailNextCalls(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.setHang(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);

        assertThat(faults.settings()).isEqualTo(FaultSettings.none());
    }

    private static long failuresIn(int calls, FaultInjector faults) {
        return IntStream.range(0, calls).filter(call -> {
            try {
                faults.beforeCall("ping");
                return false;
            } catch (BackendException injected) {
                return true;
            }
        }).count();
    }
}
