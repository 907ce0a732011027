package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.domain.RetryTimeoutPolicy;

/** How VPS operations run; see {@link ProvisioningSettings} for what each setting means. */
public class ProvisioningConfiguration {
    @JsonProperty
    private boolean startOnCreate = true;

    @NotNull
    @JsonProperty
    private Duration syncBudget = Duration.seconds(20);

    @NotNull
    @JsonProperty
    private Duration buildTimeout = Duration.minutes(10);

    @NotNull
    @JsonProperty
    private Duration guestCheckInterval = Duration.seconds(1);

    @NotNull
    @JsonProperty
    private Duration minRetryTimeout = Duration.seconds(1);

    @NotNull
    @JsonProperty
    private Duration maxRetryTimeout = Duration.seconds(30);

    /** Advise, with a 202, when operations of the kind have lately been taking to end, rather than the next check. */
    @JsonProperty
    private boolean adaptiveRetryTimeout = true;

    /** Each advised timeout is stretched by up to this share, at random, so that polls spread out. */
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @JsonProperty
    private double retryTimeoutJitter = 0.2;

    @Valid
    @NotNull
    @JsonProperty
    private BackoffConfiguration backoff = new BackoffConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private HardwareLimitsConfiguration hardwareLimits = new HardwareLimitsConfiguration();

    public ProvisioningSettings toSettings() {
        return new ProvisioningSettings(startOnCreate, syncBudget.toJavaDuration(), buildTimeout.toJavaDuration(),
                guestCheckInterval.toJavaDuration(), backoff.toBackoff(),
                new RetryTimeoutPolicy(minRetryTimeout.toJavaDuration(), maxRetryTimeout.toJavaDuration(),
                        retryTimeoutJitter, adaptiveRetryTimeout),
                hardwareLimits.toLimits());
    }
}
