package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.vpsconnector.application.fleet.HostCapacity;

/**
 * What every host has besides its backend's own keys: the name it is recorded under for each VPS
 * placed on it, and what may be sold on it. A host without a capacity takes VPSes without limit.
 */
public abstract class HostConfiguration {
    /** Recorded with every VPS placed on the host: renaming a host strands its VPSes. */
    @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,62}", message = "must be 1 to 63 lower-case letters, digits, dots and dashes")
    @JsonProperty
    private String name;

    @Valid
    @JsonProperty
    private Capacity capacity;

    @Valid
    @NotNull
    @JsonProperty
    private Overcommit overcommit = new Overcommit();

    /** The memory and CPUs of the host itself. */
    public static class Capacity {
        @Min(1)
        @JsonProperty
        private int memoryGb;

        @Min(1)
        @JsonProperty
        private int cpus;
    }

    /** How many times its memory and CPUs the host may be sold. */
    public static class Overcommit {
        @DecimalMin("1.0")
        @JsonProperty
        private double memory = 1.0;

        @DecimalMin("1.0")
        @JsonProperty
        private double cpus = 1.0;
    }

    /** The configured name; null when the configuration gives none (a single backend). */
    public String getName() {
        return name;
    }

    public HostCapacity capacity() {
        return capacity == null
                ? HostCapacity.UNLIMITED
                : new HostCapacity(capacity.memoryGb, capacity.cpus, overcommit.memory, overcommit.cpus);
    }
}
