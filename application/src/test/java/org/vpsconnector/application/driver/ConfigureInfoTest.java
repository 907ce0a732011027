package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Reconfiguration;

class ConfigureInfoTest {

    @Test
    void aRestartSaidWhileTheGuestBootsIsStillSaidWhenTheConfigureEnds() {
        String waiting = ConfigureInfo.waiting(Reconfiguration.RESTARTED, "Waiting for the guest operating system to boot");
        Reconfiguration repeat = Reconfiguration.strongest(ConfigureInfo.recordedIn(waiting), Reconfiguration.UNCHANGED);

        assertThat(waiting).isEqualTo("Configuration: the server was restarted to apply the new hardware; "
                + "Waiting for the guest operating system to boot");
        assertThat(ConfigureInfo.done(repeat)).isEqualTo("Configuration done: the server was restarted to apply the new hardware");
    }

    @Test
    void withoutAnEarlierOutcomeTheOutcomeOfThisAttemptIsSaid() {
        assertThat(ConfigureInfo.recordedIn("Configuration accepted")).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(ConfigureInfo.recordedIn(null)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(Reconfiguration.strongest(Reconfiguration.UNCHANGED, Reconfiguration.APPLIED)).isEqualTo(Reconfiguration.APPLIED);
        assertThat(Reconfiguration.strongest(Reconfiguration.APPLIED, Reconfiguration.RESTARTED)).isEqualTo(Reconfiguration.RESTARTED);
        assertThat(Reconfiguration.strongest(Reconfiguration.AT_NEXT_START, Reconfiguration.APPLIED, Reconfiguration.UNCHANGED))
                .isEqualTo(Reconfiguration.AT_NEXT_START);
        assertThat(Reconfiguration.strongest(Reconfiguration.RESTARTED, Reconfiguration.AT_NEXT_START)).isEqualTo(Reconfiguration.RESTARTED);
        assertThat(Reconfiguration.strongest()).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(ConfigureInfo.done(Reconfiguration.AT_NEXT_START)).isEqualTo("Configuration done: applies when the server next starts");
        assertThat(ConfigureInfo.done(null)).as("not a configure").isNull();
        assertThat(ConfigureInfo.waiting(Reconfiguration.UNCHANGED, "Waiting")).isEqualTo("Waiting");
    }
}
