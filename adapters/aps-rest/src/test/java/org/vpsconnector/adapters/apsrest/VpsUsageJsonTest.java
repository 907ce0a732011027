package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTEXT;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.Fixtures.SUBSCRIPTION;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.VpsSpec;

/** The {@code usage} counters on retrieve: exactly five numbers and when they were measured. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VpsUsageJsonTest {
    private static final VpsSpec SPEC = new VpsSpec("web-01", "shop front end", new Hardware(2, 10, 1, false),
            new Platform("x86_64", "debian", "12"), CONTEXT, SUBSCRIPTION);
    private static final Instant MEASURED_AT = Instant.parse("2026-12-04T18:30:00.250Z");

    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), new FakeContexts(), vpses);

    @Test
    void aVpsNotYetMeasuredHasNoUsage() {
        vpses.ready(INSTANCE, CONTAINER_VPS, SPEC, PowerState.RUNNING);

        JsonNode body = Fixtures.tree(sync(api, "/vpses/" + CONTAINER_VPS).get(String.class));

        assertThat(body.has("usage")).isFalse();
        assertThat(body.has("usageMeasuredAt")).isFalse();
    }

    @Test
    void aMeasuredVpsCarriesExactlyTheFiveCountersAsNumbersAndWhenTheyWereMeasured() {
        vpses.ready(INSTANCE, CONTAINER_VPS, SPEC, PowerState.RUNNING);
        vpses.measured(MeteredUsage.first(CONTAINER_VPS,
                new UsageReading(12_345_678_901L, 300L << 20, 3L << 29, 5L << 19, 1L << 20, "run-1"), MEASURED_AT));

        JsonNode body = Fixtures.tree(sync(api, "/vpses/" + CONTAINER_VPS).get(String.class));

        JsonNode usage = body.get("usage");
        assertThat(usage.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("cpuSeconds", "memoryMb", "diskGb", "networkInMb", "networkOutMb");
        usage.forEach(counter -> assertThat(counter.isNumber()).as("%s is a JSON number", counter).isTrue());
        assertThat(usage.get("cpuSeconds").decimalValue()).isEqualByComparingTo("12.346");
        assertThat(usage.get("memoryMb").decimalValue()).isEqualByComparingTo("300");
        assertThat(usage.get("diskGb").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(usage.get("networkInMb").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(usage.get("networkOutMb").decimalValue()).isEqualByComparingTo("1");
        assertThat(Instant.parse(body.get("usageMeasuredAt").textValue())).isEqualTo(MEASURED_AT);
    }

    @Test
    void theAnswerToAProvisionCarriesNoUsage() {
        String body = sync(api, "/vpses").post(json(Fixtures.edited("vps-container.json", vps -> { })), String.class);

        assertThat(Fixtures.tree(body).has("usage")).isFalse();
    }

    @Test
    void usageTheControllerSendsBackIsIgnored() {
        String withUsage = Fixtures.edited("vps-container.json", body -> {
            body.putObject("usage").put("cpuSeconds", "a lot").put("memoryMb", -1);
            body.put("usageMeasuredAt", 17);
        });

        assertThat(sync(api, "/vpses").post(json(withUsage)).getStatus()).isEqualTo(200);
    }
}
