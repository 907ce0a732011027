package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.domain.Fixtures.INSTANCE_ID;
import static org.vpsconnector.domain.Fixtures.T0;

import org.junit.jupiter.api.Test;

class ApplicationInstanceTest {

    @Test
    void an_upgrade_changes_the_version_only() {
        ApplicationInstance installed = new ApplicationInstance(INSTANCE_ID, "https://controller.example/",
                Secret.of("SELF"), "CONTROLLER", "1.0", T0);

        ApplicationInstance upgraded = installed.upgradedTo("1.1");

        assertThat(upgraded).isEqualTo(new ApplicationInstance(INSTANCE_ID, "https://controller.example/",
                Secret.of("SELF"), "CONTROLLER", "1.1", T0));
        assertThat(installed.version()).as("the installed instance is left as it was").isEqualTo("1.0");
    }
}
