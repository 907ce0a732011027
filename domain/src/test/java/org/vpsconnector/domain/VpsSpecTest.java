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
    void a_spec_shows_the_platform_of_the_system_chosen_for_it_and_nothing_else_changes() {
        VpsSpec asked = new VpsSpec("a", "d", CONTAINER_2_20_2, new Platform("aarch64", "DEBIAN", null),
                Fixtures.CONTEXT_ID, null, new Login(java.util.List.of(), Secret.of("$6$a$one")));
        OperatingSystem chosen = new OperatingSystem("debian", "12");

        VpsSpec target = asked.withPlatform(chosen.asPlatform(asked.platform().arch()));

        assertThat(chosen.asPlatform("aarch64")).isEqualTo(new Platform("aarch64", "debian", "12"));
        assertThat(target).isEqualTo(new VpsSpec("a", "d", CONTAINER_2_20_2, new Platform("aarch64", "debian", "12"),
                Fixtures.CONTEXT_ID, null, asked.login()));
        assertThat(asked.withPlatform(null).platform()).isEqualTo(Platform.UNSPECIFIED);
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
