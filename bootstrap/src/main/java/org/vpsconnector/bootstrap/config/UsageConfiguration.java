package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.application.usage.UsageSettings;

/** The background usage meter, whose figures retrieve serves. */
public class UsageConfiguration {
    /** Pause between two measuring passes: a served figure is at most this plus one pass old. */
    @NotNull
    @JsonProperty
    private Duration interval = Duration.minutes(1);

    /** Servers measured at once; well below backends.maxCalls, which the operation driver shares. */
    @Min(1)
    @JsonProperty
    private int concurrentReads = 2;

    /** Servers a pass starts to read a second at most: a pass over N VPSes takes at least N / this seconds. */
    @Min(1)
    @JsonProperty
    private int maxReadsPerSecond = 50;

    /** A meter holds a VPS it reads for one backend call and a margin to store what it read. */
    public UsageSettings toSettings(java.time.Duration backendCallTimeout) {
        return new UsageSettings(interval.toJavaDuration(), concurrentReads, backendCallTimeout.plusSeconds(5), maxReadsPerSecond);
    }

    public int concurrentReads() {
        return concurrentReads;
    }
}
