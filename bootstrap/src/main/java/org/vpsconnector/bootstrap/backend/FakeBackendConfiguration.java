package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeServerFarm;
import org.vpsconnector.adapters.fake.FaultSettings;
import org.vpsconnector.domain.OperatingSystem;

/** The settings shared by both fake backends: latency, boot time and injected faults. */
abstract class FakeBackendConfiguration extends HostConfiguration {
    /** Backends naming the same farm share its servers within one JVM. */
    @NotEmpty
    @JsonProperty
    private String farm = "default";

    /**
     * When set, the farm keeps its servers in this file and writes every change there, so a
     * restarted connector finds the servers it made, as it would on a real host. Both fake
     * backends may name the same file.
     */
    @JsonProperty
    private String stateFile;

    @NotNull
    @JsonProperty
    private Duration latency;

    @NotNull
    @JsonProperty
    private Duration bootTime;

    @Min(0)
    @JsonProperty
    private int failNextCalls = 0;

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @JsonProperty
    private double failureProbability = 0.0;

    @NotNull
    @JsonProperty
    private Duration hang = Duration.seconds(0);

    /** The systems the fake has images of, as {@code "<name> <version>"}, the default first. */
    @NotEmpty
    @JsonProperty
    private List<@NotNull @Pattern(regexp = "\\S+ \\S+", message = "must be \"<name> <version>\", e.g. \"debian 12\"") String>
            operatingSystems = List.of("debian 12");

    FakeBackendConfiguration(FakeBackendSettings defaults) {
        this.latency = Duration.milliseconds(defaults.latency().toMillis());
        this.bootTime = Duration.milliseconds(defaults.bootTime().toMillis());
    }

    FakeServerFarm farm() {
        return stateFile == null || stateFile.isBlank() ? FakeServerFarm.named(farm) : FakeServerFarm.storedIn(Path.of(stateFile));
    }

    public FakeBackendSettings settings() {
        return new FakeBackendSettings(latency.toJavaDuration(), bootTime.toJavaDuration(),
                new FaultSettings(failNextCalls, failureProbability, hang.toJavaDuration()),
                operatingSystems.stream().map(system -> system.split(" ", 2))
                        .map(parts -> new OperatingSystem(parts[0], parts[1])).toList());
    }
}
