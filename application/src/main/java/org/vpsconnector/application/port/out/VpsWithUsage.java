package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Vps;

/** A VPS as retrieve serves it: with its latest usage figures, once it has been measured. */
public record VpsWithUsage(Vps vps, Optional<MeteredUsage> usage) {
    public VpsWithUsage {
        Objects.requireNonNull(vps, "vps");
        Objects.requireNonNull(usage, "usage");
    }
}
