package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.VpsWithUsage;

/** A row of {@code vpses} joined with its measured usage: every usage column is null when it has none. */
public record VpsWithUsageRow(@Nested VpsRow vps, @Nested("usage") UsageRow usage) {

    VpsWithUsage toVpsWithUsage(SecretSealing sealing) {
        return new VpsWithUsage(vps.toVps(sealing),
                Optional.ofNullable(usage).filter(measured -> measured.measuredAt() != null).map(UsageRow::toUsage));
    }
}
