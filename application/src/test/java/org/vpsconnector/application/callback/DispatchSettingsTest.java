package org.vpsconnector.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Backoff;

class DispatchSettingsTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(20), 4);

    private static DispatchSettings settings(int batch, int workers) {
        return new DispatchSettings(Duration.ofSeconds(1), BACKOFF, Duration.ofSeconds(30), batch, workers,
                Duration.ofHours(1), "node-a");
    }

    @Test
    void the_dispatcher_takes_at_least_one_update_at_a_time_on_at_least_one_thread() {
        assertThat(settings(1, 1)).extracting(DispatchSettings::batch, DispatchSettings::workers).containsExactly(1, 1);
        assertThatThrownBy(() -> settings(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch and workers must be at least 1");
        assertThatThrownBy(() -> settings(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch and workers must be at least 1");
    }
}
