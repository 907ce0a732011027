package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.application.driver.DriverSettings;

/** The background operation driver. */
public class DriverConfiguration {
    /** Operations driven at once. */
    @Min(1)
    @JsonProperty
    private int workers = 4;

    /** How often due operations are looked for. */
    @NotNull
    @JsonProperty
    private Duration sweepInterval = Duration.milliseconds(500);

    /** How long an operation stays with this process before another may take it over; longer than any backend call. */
    @NotNull
    @JsonProperty
    private Duration leaseDuration = Duration.seconds(60);

    /** The driver is reported unhealthy when it has not looked for work for this long. */
    @NotNull
    @JsonProperty
    private Duration maxLag = Duration.seconds(30);

    /** How often the database and the backends are reconciled (leftover servers removed, drifted states recorded). */
    @NotNull
    @JsonProperty
    private Duration reconcileInterval = Duration.minutes(5);

    /** How this process's driver runs; {@code nodeId} names it as the holder of its leases. */
    public DriverSettings toSettings(String nodeId) {
        return new DriverSettings(nodeId, workers, sweepInterval.toJavaDuration());
    }

    public java.time.Duration leaseDuration() {
        return leaseDuration.toJavaDuration();
    }

    public java.time.Duration maxLag() {
        return maxLag.toJavaDuration();
    }

    public java.time.Duration reconcileInterval() {
        return reconcileInterval.toJavaDuration();
    }
}
