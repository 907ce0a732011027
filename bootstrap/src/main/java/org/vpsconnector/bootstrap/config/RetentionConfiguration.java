package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.OperationHistoryRetention;

/** How long the history of finished operations is kept, and how it is pruned. */
public class RetentionConfiguration {
    /**
     * Finished operations that are not the latest of their VPS are deleted with their transitions
     * this long after they ended; the latest operation of every VPS is kept, whatever its age.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    @JsonProperty
    private Duration transitions = Duration.days(30);

    /** How often a pruning pass runs (the first one an interval after start). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration interval = Duration.hours(1);

    /** Operations deleted in one transaction: small batches keep locks short on a busy database. */
    @Min(1)
    @Max(10_000)
    @JsonProperty
    private int batchSize = 500;

    public OperationHistoryRetention retention(Transactions transactions, Clock clock) {
        return new OperationHistoryRetention(transactions, clock, transitions.toJavaDuration(), batchSize);
    }

    public java.time.Duration transitions() {
        return transitions.toJavaDuration();
    }

    public java.time.Duration interval() {
        return interval.toJavaDuration();
    }
}
