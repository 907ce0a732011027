package org.vpsconnector.application.driver;

import java.time.Duration;
import java.util.Objects;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.HardwareLimits;
import org.vpsconnector.domain.RetryTimeoutPolicy;

/**
 * How VPS operations are run.
 *
 * @param startOnCreate      whether a new VPS is started once created (its final state is then Running)
 * @param syncBudget         how long an operation may run within the controller's request before it is answered with 202
 * @param buildTimeout       how long a server may take to become usable (a VM guest to boot) before the operation fails
 * @param guestCheckInterval how often a booting guest is looked at
 * @param backoff            retries of transient backend failures
 * @param retryTimeout       bounds of the APS-Retry-Timeout advised with a 202
 * @param hardwareLimits     the largest VPS sold
 */
public record ProvisioningSettings(boolean startOnCreate, Duration syncBudget, Duration buildTimeout,
                                   Duration guestCheckInterval, Backoff backoff, RetryTimeoutPolicy retryTimeout,
                                   HardwareLimits hardwareLimits) {
    public ProvisioningSettings {
        Objects.requireNonNull(syncBudget, "syncBudget");
        Objects.requireNonNull(buildTimeout, "buildTimeout");
        Objects.requireNonNull(guestCheckInterval, "guestCheckInterval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(retryTimeout, "retryTimeout");
        Objects.requireNonNull(hardwareLimits, "hardwareLimits");
    }
}
