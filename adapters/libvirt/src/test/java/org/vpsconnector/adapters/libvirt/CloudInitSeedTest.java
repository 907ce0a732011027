package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Secret;

class CloudInitSeedTest {
    private static final UUID VPS = UUID.fromString("3f1c8a52-6a0e-4c55-9d43-0f4b7f0c2e11");
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0ZxvYtV6c2x1mQmJx0yH6Z0hQ8b9tqP7u2fQx1mZ4c o'brien@example";
    private static final Secret HASH = Secret.of("$6$rounds=5000$salt$Tg0bGk1b3n0x0zv1Zr3r1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDigestNamesTheLoginWithoutRevealingIt() {
        Login login = new Login(List.of(KEY), HASH);

        String digest = CloudInitSeed.digest(login);

        assertThat(digest).isEqualTo(CloudInitSeed.digest(new Login(List.of(KEY), HASH))).matches("[0-9a-f]{64}");
        assertThat(digest).isNotEqualTo(CloudInitSeed.digest(new Login(List.of(KEY), null)))
                .isNotEqualTo(CloudInitSeed.digest(Login.NONE))
                .doesNotContain("salt");
    }

    @Test
    void userDataIsCloudConfigWithHostNameRootLoginAndNoDefaultUser() throws Exception {
        String userData = CloudInitSeed.userData("web-01", new Login(List.of(KEY), HASH));

        assertThat(userData).startsWith("#cloud-config\n");
        JsonNode config = JSON.readTree(userData.substring(userData.indexOf('\n')));
        assertThat(config.path("hostname").asText()).isEqualTo("web-01");
        assertThat(config.path("disable_root").asBoolean(true)).isFalse();
        assertThat(config.path("users").isArray()).isTrue();
        assertThat(config.path("users")).isEmpty();
        assertThat(config.path("bootcmd").get(0).get(2).asText()).isEqualTo(CloudInitSeed.loginScript(new Login(List.of(KEY), HASH)));
    }

    @Test
    void theLoginScriptCarriesCustomerTextEncodedNeverInTheShell() {
        String script = CloudInitSeed.loginScript(new Login(List.of(KEY), HASH));

        assertThat(script).doesNotContain("o'brien", HASH.reveal())
                .contains(CloudInitSeed.digest(new Login(List.of(KEY), HASH)), "/root/.ssh/authorized_keys", "usermod -p");
    }

    @Test
    void metaDataNamesTheInstanceAfterTheVps() throws Exception {
        JsonNode metaData = JSON.readTree(CloudInitSeed.metaData(VPS, "web-01"));

        assertThat(metaData.path("instance-id").asText()).isEqualTo("vps-" + VPS);
        assertThat(metaData.path("local-hostname").asText()).isEqualTo("web-01");
    }

    @Test
    void theSeedIsAnIsoImageLabelledCidata() {
        byte[] iso = CloudInitSeed.iso(VPS, "web-01", new Login(List.of(KEY), HASH));

        // ISO 9660: the primary volume descriptor at sector 16, its volume identifier at byte 40.
        byte[] descriptor = Arrays.copyOfRange(iso, 16 * 2048, 16 * 2048 + 72);
        assertThat(new String(descriptor, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
        assertThat(new String(descriptor, 40, 32, StandardCharsets.US_ASCII).strip()).isEqualTo("cidata");
    }
}
