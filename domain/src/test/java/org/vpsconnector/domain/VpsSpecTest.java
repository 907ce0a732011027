package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.domain.Fixtures.CONTAINER_2_20_2;

import org.junit.jupiter.api.Test;

class VpsSpecTest {

    @Test
    void a_missing_platform_is_unspecified() {
        VpsSpec spec = new VpsSpec("a", null, CONTAINER_2_20_2, null, null, null);

        assertThat(spec.platform()).isEqualTo(Platform.UNSPECIFIED);
    }

    @Test
    void hardware_is_required() {
        assertThatThrownBy(() -> new VpsSpec("a", null, null, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void names_and_descriptions_are_bounded_by_the_columns_that_keep_them() {
        assertThatCode(() -> new VpsSpec("n".repeat(255), "d".repeat(4000), CONTAINER_2_20_2, null, null, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new VpsSpec("n".repeat(256), null, CONTAINER_2_20_2, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new VpsSpec(null, "d".repeat(4001), CONTAINER_2_20_2, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("description");
    }
}
