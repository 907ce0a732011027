package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.domain.Backoff;

/** Retries of transient backend failures: the delay doubles from {@code initialDelay} up to {@code maxDelay}. */
public class BackoffConfiguration {
    @NotNull
    @JsonProperty
    private Duration initialDelay = Duration.seconds(1);

    @NotNull
    @JsonProperty
    private Duration maxDelay = Duration.seconds(30);

    @Min(1)
    @JsonProperty
    private int maxAttempts = 5;

    public BackoffConfiguration() {
    }

    /** A backoff with other defaults than the backend's, e.g. for a controller that may be away for hours. */
    public BackoffConfiguration(Duration initialDelay, Duration maxDelay, int maxAttempts) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    public Backoff toBackoff() {
        return new Backoff(initialDelay.toJavaDuration(), maxDelay.toJavaDuration(), maxAttempts);
    }
}
