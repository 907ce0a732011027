package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void aRecordHoldingASecretPrintsWithoutIt() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example/",
                Secret.of("-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----"), "CONTROLLER", "1.0",
                Instant.EPOCH);

        assertThat(instance.toString()).doesNotContain("PRIVATE KEY", "KEY\n").contains("Secret[hidden]");
        assertThat(instance.selfCertificate().reveal()).contains("PRIVATE KEY");
    }

    @Test
    void secretsAreEqualByTheirText() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of(null)).isNull();
    }

    @Test
    void equal_secrets_hash_alike_and_different_ones_apart() {
        assertThat(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
        assertThat(Secret.of("a").hashCode()).isNotEqualTo(Secret.of("b").hashCode());
        assertThat(Secret.of("a")).isNotEqualTo("a");
    }
}
