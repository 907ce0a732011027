package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vpsconnector.domain.InvalidRequestException;

class ApsIdsTest {
    @Test
    void aCanonicalUuidIsReadInEitherCase() {
        UUID id = UUID.fromString("0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b1");

        assertThat(ApsIds.parse("0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b1", "aps.id")).isEqualTo(id);
        assertThat(ApsIds.parse("0F8E2A4C-1B3D-4E5F-9A7B-C6D5E4F3A2B1", "aps.id")).isEqualTo(id);
        assertThat(ApsIds.parse("00000000-0000-0000-0000-000000000000", "aps.id")).isEqualTo(new UUID(0, 0));
        assertThat(ApsIds.parse("ffffffff-ffff-ffff-ffff-ffffffffffff", "aps.id")).isEqualTo(new UUID(-1, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1-2-3-4-5",
        "",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b10",
        "0f8e2a4c1b3d-4e5f-9a7b-c6d5e4f3a2b1-",
        "0f8e2a4c-1b3d-4e5f-9a7bc-6d5e4f3a2b1",
        "0f8e2a4c-1b3d-4e5f-9a7b+c6d5e4f3a2b1",
        "0f8e2a4g-1b3d-4e5f-9a7b-c6d5e4f3a2b1",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b/",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b:",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b`",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b@",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2bG",
        "0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b\u0661",
        "\uff10f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b",
        " 0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b",
        "{0f8e2a4c-1b3d-4e5f-9a7b-c6d5e4f3a2b1}"})
    void anythingElseIsAnInvalidRequestNamingTheProperty(String value) {
        assertThatThrownBy(() -> ApsIds.parse(value, "APS-Instance-ID"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("APS-Instance-ID must be a UUID");
    }

    @Test
    void anAbsentIdIsRefusedAndMayBeOptional() {
        assertThatThrownBy(() -> ApsIds.parse(null, "aps.id")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("aps.id");
        assertThat(ApsIds.parseIfPresent(null, "aps.subscription")).isNull();
    }
}
