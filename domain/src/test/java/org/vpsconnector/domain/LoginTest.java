package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.domain.Fixtures.SPEC_A;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SSH keys checked, a login changed part by part, the password never decides a repeat, the address observed. */
class LoginTest {
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w anna@laptop";
    private static final Secret HASH_1 = Secret.of("$6$a$one");
    private static final Secret HASH_2 = Secret.of("$6$b$two");

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"})
    void everyKeyTypeOpenSshAcceptsIsTaken(String type) {
        String key = type + " " + blob(type) + " a comment with spaces";
        assertThat(SshKeys.checked(List.of(" " + key + " "), "login.sshKeys")).containsExactly(key);
        assertThat(SshKeys.checked(List.of(type + " " + blob(type)), "login.sshKeys")).hasSize(1);
    }

    @Test
    void aBadKeyIsRefusedNamingItsPlace() {
        assertThat(SshKeys.checked(null, "login.sshKeys")).isNull();
        assertThatThrownBy(() -> SshKeys.checked(List.of(ED25519, "ssh-dss " + blob("ssh-dss")), "login.sshKeys"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("login.sshKeys[1] must be an SSH public key");
        assertThatThrownBy(() -> SshKeys.checked(List.of("ssh-rsa " + blob("ssh-ed25519")), "k"))
                .hasMessage("k[0] holds a key that is not of type ssh-rsa");
        assertThatThrownBy(() -> SshKeys.checked(List.of("ssh-ed25519 " + Base64.getEncoder().encodeToString(new byte[] {0, 0, 0, 11})), "k"))
                .hasMessage("k[0] holds a key that is not of type ssh-ed25519");
        assertThatThrownBy(() -> SshKeys.checked(List.of("ssh-ed25519 AAAA%%%"), "k")).hasMessageContaining("valid Base64");
        assertThatThrownBy(() -> SshKeys.checked(Collections.nCopies(17, ED25519), "k")).hasMessage("k holds more than 16 keys");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> SshKeys.checked(withNull, "k")).hasMessageContaining("k[0]");
        assertThatThrownBy(() -> SshKeys.checked(List.of(ED25519 + "\nssh-rsa x"), "k")).hasMessageContaining("control character");
    }

    @Test
    void aChangeKeepsWhatItLeavesOut() {
        Login had = new Login(List.of(ED25519), HASH_1);

        assertThat(LoginChange.KEEP.applyTo(had)).isEqualTo(had);
        assertThat(new LoginChange(List.of(), null).applyTo(had)).isEqualTo(new Login(List.of(), HASH_1));
        assertThat(new LoginChange(null, HASH_2).applyTo(had)).isEqualTo(new Login(List.of(ED25519), HASH_2));
        assertThat(LoginChange.to(Login.NONE).applyTo(had)).isEqualTo(new Login(List.of(), HASH_1));
    }

    @Test
    void thePasswordNeverDecidesWhetherARequestRepeatsButANewOneIsAConfigure() {
        VpsSpec withPassword = SPEC_A.withLogin(new Login(List.of(ED25519), HASH_1));
        VpsSpec saltedAnew = SPEC_A.withLogin(new Login(List.of(ED25519), HASH_2));
        Vps ready = Vps.provisioning(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, withPassword, Fixtures.T0)
                .completed(OperationKind.PROVISION, withPassword, PowerState.RUNNING, Fixtures.T0);

        assertThat(Admission.sameRepresentation(withPassword, saltedAnew)).isTrue();
        assertThat(Admission.sameRepresentation(withPassword, SPEC_A.withLogin(new Login(List.of(), HASH_1)))).isFalse();
        assertThat(Admission.decide(new Admission.Request(OperationKind.PROVISION, RequestPhase.SYNC, saltedAnew),
                Optional.of(ready), Optional.empty()).verdict()).isEqualTo(Admission.Verdict.DONE);
        assertThat(Admission.decide(new Admission.Request(OperationKind.CONFIGURE, RequestPhase.SYNC, saltedAnew),
                Optional.of(ready), Optional.empty()).verdict()).isEqualTo(Admission.Verdict.ACCEPT_NEW);
        assertThat(Admission.decide(new Admission.Request(OperationKind.CONFIGURE, RequestPhase.SYNC, withPassword),
                Optional.of(ready), Optional.empty()).verdict()).isEqualTo(Admission.Verdict.DONE);
    }

    @Test
    void theAddressIsWhatTheBackendReportsAndNoChangeOfTheVps() {
        Vps vps = Vps.provisioning(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, SPEC_A, Fixtures.T0);

        Vps seen = vps.seenAt("10.88.0.7");
        assertThat(seen.ipv4()).isEqualTo("10.88.0.7");
        assertThat(seen.modifiedAt()).isEqualTo(vps.modifiedAt());
        assertThat(seen.observed(PowerState.STOPPED, Fixtures.T0).ipv4()).as("kept through other changes").isEqualTo("10.88.0.7");
        assertThat(seen.seenAt(null).ipv4()).isNull();
        assertThat(seen.seenAt("10.88.0.7")).isSameAs(seen);
    }

    @Test
    void aLoginShowsNoPasswordHash() {
        assertThat(new Login(List.of(ED25519), HASH_1).toString()).doesNotContain("$6$");
        assertThat(SPEC_A.withLogin(new Login(List.of(), HASH_1)).toString()).doesNotContain("$6$");
    }

    @Test
    void a_login_has_a_password_only_with_a_hash() {
        assertThat(new Login(List.of(ED25519), HASH_1).hasPassword()).isTrue();
        assertThat(new Login(List.of(ED25519), null).hasPassword()).isFalse();
        assertThat(Login.NONE.hasPassword()).isFalse();
    }

    @Test
    void logins_are_equal_by_their_keys_and_password_hash() {
        Login login = new Login(List.of(ED25519), HASH_1);
        Login same = new Login(new ArrayList<>(List.of(ED25519)), Secret.of("$6$a$one"));

        assertThat(login).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(new Login(null, null)).isEqualTo(Login.NONE).hasSameHashCodeAs(Login.NONE);
        assertThat(login).isNotEqualTo(new Login(List.of(), HASH_1))
                .isNotEqualTo(new Login(List.of(ED25519), HASH_2))
                .isNotEqualTo(new Login(List.of(ED25519), null))
                .isNotEqualTo(ED25519);
        assertThat(new Login(List.of(ED25519), null)).isNotEqualTo(login);
    }

    @Test
    void logins_that_differ_hash_apart() {
        Login login = new Login(List.of(ED25519), HASH_1);

        assertThat(login.hashCode()).isNotEqualTo(new Login(List.of(ED25519), HASH_2).hashCode())
                .isNotEqualTo(new Login(List.of(), HASH_1).hashCode())
                .isNotEqualTo(Login.NONE.hashCode());
    }

    private static String blob(String type) {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + name.length + 32);
        blob.putInt(name.length).put(name).put(new byte[32]);
        return Base64.getEncoder().encodeToString(blob.array());
    }
}
