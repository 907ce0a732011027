package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTextTest {

    @Test
    void textWithinItsColumnIsKeptAsItIs() {
        assertThat(StoredText.line("web-01 ünïcødé 🚀", "name", 255)).isEqualTo("web-01 ünïcødé 🚀");
        assertThat(StoredText.line("n".repeat(255), "name", 255)).hasSize(255);
        assertThat(StoredText.line(null, "name", 255)).isNull();
    }

    @Test
    void textLongerThanItsColumnIsRefused() {
        assertThatThrownBy(() -> StoredText.line("n".repeat(256), "name", 255))
                .isInstanceOf(InvalidRequestException.class).hasMessage("name is longer than 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001", "\u001b[2J", "a\u007f", "a\u0085", "a\u009b", "a\tb", "a\nb", "a\rb"})
    void controlCharactersAreRefusedInALine(String value) {
        assertThatThrownBy(() -> StoredText.line(value, "name", 255))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name contains the control character U+");
    }

    @Test
    void onlyLineBreaksMaySpanLines() {
        String pem = "-----BEGIN CERTIFICATE-----\r\nMIIB\n-----END CERTIFICATE-----\n";
        assertThat(StoredText.lines(pem, "aps.x509.self", 65536)).isEqualTo(pem);
        assertThatThrownBy(() -> StoredText.lines(pem + "\u0000", "aps.x509.self", 65536))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> StoredText.lines("a\tb", "aps.x509.self", 65536))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("U+0009");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800", "\uDC00a", "a\uDC00\uD800b", "\uDBFF"})
    void unpairedSurrogatesAreRefused(String value) {
        assertThatThrownBy(() -> StoredText.line(value, "name", 255))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unpaired surrogate");
    }

    @Test
    void platformAndSpecCheckTheirText() {
        assertThatThrownBy(() -> new Platform("x86\u0000", null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("platform.arch");
        assertThatThrownBy(() -> new Platform(null, "o".repeat(256), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("platform.OS.name");
        assertThatThrownBy(() -> new VpsSpec("web\u001b", null, Fixtures.CONTAINER_2_20_2, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new VpsSpec(null, "d\u0000", Fixtures.CONTAINER_2_20_2, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("description");
    }
}
