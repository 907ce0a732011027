package org.vpsconnector.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vpsconnector.bootstrap.config.AdminConfiguration;

class OperatorCredentialsTest {
    @TempDir
    Path data;

    @Test
    void aConfiguredPasswordIsUsedAndNoFileIsMade() throws IOException {
        OperatorCredentials operator = OperatorCredentials.of(admin("operator", "s3cret-from-the-environment"), data);

        assertThat(operator.match("operator", "s3cret-from-the-environment")).isTrue();
        assertThat(operator.match("operator", "s3cret-from-the-environment ")).isFalse();
        assertThat(operator.match("Operator", "s3cret-from-the-environment")).isFalse();
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutAPasswordOneIsMadeOnceAndReadOnEveryLaterStart() throws IOException {
        OperatorCredentials first = OperatorCredentials.of(admin("operator", ""), data.resolve("nested"));
        Path file = data.resolve("nested").resolve(OperatorCredentials.PASSWORD_FILE);
        String password = Files.readString(file).strip();

        OperatorCredentials second = OperatorCredentials.of(admin("operator", null), data.resolve("nested"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).isEqualTo(password);
        assertThat(first.match("operator", password)).isTrue();
        assertThat(second.match("operator", password)).isTrue();
        assertThat(second.match("operator", "")).isFalse();
    }

    @Test
    void aPasswordFileOthersCanReadIsMadePrivate() throws IOException {
        Path file = data.resolve(OperatorCredentials.PASSWORD_FILE);
        Files.writeString(file, "chosen-by-the-operator\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OperatorCredentials operator = OperatorCredentials.of(admin("operator", null), data);

        assertThat(operator.match("operator", "chosen-by-the-operator")).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anEmptyPasswordFileStopsTheStartWithWhatToDo() throws IOException {
        Path file = data.resolve(OperatorCredentials.PASSWORD_FILE);
        Files.writeString(file, "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> OperatorCredentials.of(admin("operator", null), data))
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("delete it");
    }

    private static AdminConfiguration admin(String user, String password) {
        Map<String, String> values = new HashMap<>();
        values.put("user", user);
        values.put("password", password);
        return Jackson.newObjectMapper().convertValue(values, AdminConfiguration.class);
    }
}
