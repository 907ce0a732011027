package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import org.vpsconnector.domain.HardwareLimits;

/** The largest VPS sold; bigger requests are refused with 400. */
public class HardwareLimitsConfiguration {
    @Min(1)
    @JsonProperty
    private int maxMemoryGb = HardwareLimits.DEFAULT.maxMemoryGb();

    @Min(1)
    @JsonProperty
    private int maxDiskspaceGb = HardwareLimits.DEFAULT.maxDiskspaceGb();

    @Min(1)
    @JsonProperty
    private int maxCpuCount = HardwareLimits.DEFAULT.maxCpuCount();

    public HardwareLimits toLimits() {
        return new HardwareLimits(maxMemoryGb, maxDiskspaceGb, maxCpuCount);
    }
}
