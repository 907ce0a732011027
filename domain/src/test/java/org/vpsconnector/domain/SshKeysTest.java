package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits of a key list and what the key's own bytes must say. */
class SshKeysTest {

    @Test
    void sixteen_keys_are_taken_and_seventeen_refused() {
        String key = "ssh-ed25519 " + blob("ssh-ed25519", 32);

        assertThat(SshKeys.checked(Collections.nCopies(SshKeys.MAX_KEYS, key), "k")).hasSize(16);
        assertThatThrownBy(() -> SshKeys.checked(Collections.nCopies(SshKeys.MAX_KEYS + 1, key), "k"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("k holds more than 16 keys");
    }

    @Test
    void no_keys_are_taken_as_none() {
        assertThat(SshKeys.checked(List.of(), "k")).isEmpty();
    }

    /** The key line names {@code type}; its Base64 blob names {@code blobType} and carries {@code keyBytes} more. */
    @ParameterizedTest(name = "a {0} line whose blob names {1} with {2} key bytes: taken {3}")
    @CsvSource({
            // type,               blob names,          key bytes, taken
            "ssh-ed25519,          ssh-ed25519,         32,        true",
            "ssh-ed25519,          ssh-ed25519,         1,         true",
            // a key cut off right after its type name holds no key
            "ssh-ed25519,          ssh-ed25519,         0,         false",
            "ssh-rsa,              ssh-rsa,             0,         false",
            // the same length of type name, another type: every byte of the name counts
            "ecdsa-sha2-nistp256,  ecdsa-sha2-nistp384, 65,        false",
            "ssh-rsa,              ssh-dss,             32,        false",
            "ssh-rsa,              ssh-rs_,             32,        false",
            "ssh-rsa,              rsh-rsa,             32,        false",
    })
    void a_key_must_name_its_own_type_and_hold_more_than_that(String type, String blobType, int keyBytes, boolean taken) {
        String line = type + " " + blob(blobType, keyBytes);

        if (taken) {
            assertThat(SshKeys.checked(List.of(line), "k")).containsExactly(line);
        } else {
            assertThatThrownBy(() -> SshKeys.checked(List.of(line), "k"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("k[0] holds a key that is not of type " + type);
        }
    }

    private static String blob(String type, int keyBytes) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blob = ByteBuffer.allocate(4 + name.length + keyBytes);
        blob.putInt(name.length).put(name).put(new byte[keyBytes]);
        return Base64.getEncoder().encodeToString(blob.array());
    }
}
