package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vpsconnector.apspackage.ApsPackage;

/** The translation of the packaged vps schema is strict: whatever it does not declare is a violation. */
class ApsTypeSchemaTest {
    private static final ApsTypeSchema VPS = ApsTypeSchema.ofService(ApsPackage.onClasspath(), "vpses");

    /** A VPS as the connector answers once the contract's properties are all there. */
    private static ObjectNode vps() {
        ObjectNode vps = ApsController.fixture("vps-configure.json");
        vps.put("suspended", false);
        vps.putObject("usage").put("cpuSeconds", 12.5).put("memoryMb", 512).put("diskGb", 3)
                .put("networkInMb", 0).put("networkOutMb", 1.25);
        vps.put("usageMeasuredAt", "2026-12-04T18:00:00Z");
        vps.putObject("login").putArray("sshKeys").add(GuestKeys.ED25519);
        vps.putObject("network").put("ipv4", "10.88.0.7");
        return vps;
    }

    private static ObjectNode vpsWhere(Consumer<ObjectNode> change) {
        ObjectNode vps = vps();
        change.accept(vps);
        return vps;
    }

    @Test
    void aVpsWithEveryDeclaredPropertyConforms() {
        assertThat(VPS.violationsOf(vps())).isEmpty();
        assertThat(VPS.propertyPathsIn(vps())).containsAll(VPS.returnedPropertyPaths());
    }

    @Test
    void theDeclaredPropertiesAreListedIntoTheirStructures() {
        assertThat(VPS.returnedPropertyPaths()).contains("name", "state", "hardware.CPU.number", "platform.OS.version",
                "suspended", "usage.cpuSeconds", "usage.networkOutMb", "usageMeasuredAt", "login.sshKeys", "network.ipv4")
                .doesNotContain("context", "aps", "login.password");
    }

    @Test
    void thePasswordIsWriteOnlyAndTheAddressAnAddress() {
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("login")).put("password", "$6$salt$hash")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("network")).put("ipv4", "not-an-address")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("login")).putArray("sshKeys").add(1)))).isNotEmpty();
    }

    @Test
    void anUndeclaredPropertyAtAnyDepthIsAViolation() {
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.put("ipv4", "10.0.0.2")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("hardware")).put("GPU", 1)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("usage")).put("iops", 1)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("aps")).putObject("x509").put("self", "key"))))
                .as("certificates in an answer").isNotEmpty();
    }

    @Test
    void valuesOutsideTheDeclaredTypesEnumsAndBoundsAreViolations() {
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.put("state", "Sleeping")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("hardware")).put("memory", 2.5)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("hardware")).put("memory", 0)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("hardware")).remove("VM")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.put("suspended", "no")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("usage")).put("diskGb", -1)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("usage")).put("diskGb", "3")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.put("usageMeasuredAt", "yesterday")))).isNotEmpty();
    }

    @Test
    void relationsAreLinksAndTheApsObjectNamesTheType() {
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.put("context", "5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("context").get("aps")).put("extra", 1)))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> ((ObjectNode) vps.get("aps"))
                .put("type", "http://aps-standard.org/samples/async1p/context/1.0")))).isNotEmpty();
        assertThat(VPS.violationsOf(vpsWhere(vps -> vps.remove("aps")))).isNotEmpty();
    }

    @Test
    void aWriteOnlyPropertyIsNeverAnsweredNorExpected() throws IOException {
        ApsTypeSchema schema = ApsTypeSchema.of(json("""
                {"id": "urn:test", "properties": {"name": {"type": "string"},
                 "password": {"type": "string", "encrypted": true}}}"""));

        assertThat(schema.returnedPropertyPaths()).containsExactly("name");
        assertThat(schema.violationsOf(json("{\"aps\": {\"id\": \"9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a\", \"type\": \"urn:test\"},"
                + " \"password\": \"secret\"}"))).isNotEmpty();
    }

    @Test
    void aTypeOrKeywordTheTranslationDoesNotKnowIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> ApsTypeSchema.of(json("{\"id\": \"urn:test\", \"properties\": {\"n\": {\"type\": \"Missing\"}}}")))
                .hasMessageContaining("Missing");
        assertThatThrownBy(() -> ApsTypeSchema.of(json(
                "{\"id\": \"urn:test\", \"properties\": {\"n\": {\"type\": \"string\", \"oneOf\": []}}}")))
                .hasMessageContaining("oneOf");
        assertThatThrownBy(() -> ApsTypeSchema.of(json("{\"id\": \"urn:test\", \"propertes\": {}}")))
                .hasMessageContaining("propertes");
    }

    private static JsonNode json(String text) {
        try {
            return ApsController.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
