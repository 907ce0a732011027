package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.Fixtures.CONTAINER_VPS;
import static org.vpsconnector.adapters.apsrest.Fixtures.INSTANCE;
import static org.vpsconnector.adapters.apsrest.TestApi.json;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** {@code login}: keys checked, the password hashed as it is read and never answered; {@code network.ipv4} served. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VpsLoginTest {
    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w anna@laptop";
    static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHwL89HT0p5Iyex8IOs1zvi1"
            + "Ymu/yXcBR9IQg/E6XEMI+uoQu5RGhdiTEYCZDbCIkgphq85Xv6OzDifJqSLnZt4=";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDW31z2EPDS6FdUdy2pejOXSmQV75M3GHn9KucEBH4lVnO28jW2WWcUE+5rf2kC"
            + "4FwtifTQBrn0ZYqUlxeTm2VUs4Qt5+yQ+sb60r+u+ssE+xJ3C+ZBoMXY7a7+HjbfqHDtQBmxjTtrNEgqwjx/VrShpBknFTF78x6Nt+caNAZByQ== ops key";
    static final String PASSWORD = "Correct-Horse-7Battery";

    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = TestApi.of(new FakeInstances(), new FakeContexts(), vpses);

    @Test
    void aProvisionedLoginKeepsTheKeysAndOnlyAHashOfThePassword() {
        Response answer = sync(api, "/vpses").post(json(withLogin(List.of(ED25519, "  " + ECDSA + " ", RSA), PASSWORD)));
        String text = answer.readEntity(String.class);

        assertThat(answer.getStatus()).as(text).isEqualTo(200);
        Login login = ((ProvisionVpsCommand) vpses.changes.get(0).argument()).spec().login();
        assertThat(login.sshKeys()).containsExactly(ED25519, ECDSA, RSA);
        String hash = login.passwordHash().reveal();
        assertThat(hash).startsWith("$6$").doesNotContain(PASSWORD);
        assertThat(Crypt.crypt(PASSWORD, hash)).as("the hash is of the password").isEqualTo(hash);
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(hash).doesNotContain("password");
        assertThat(Fixtures.tree(text).get("login")).isEqualTo(Fixtures.tree(
                "{\"sshKeys\": [\"" + ED25519 + "\", \"" + ECDSA + "\", \"" + RSA + "\"]}"));
        assertThat(vpses.changes.get(0).toString()).doesNotContain(PASSWORD).doesNotContain(hash);
    }

    @Test
    void theSamePasswordIsSaltedDifferentlyEachTime() {
        Secret first = PasswordHashing.hash(PASSWORD);
        Secret second = PasswordHashing.hash(PASSWORD);
        assertThat(first).isNotEqualTo(second);
        assertThat(Crypt.crypt(PASSWORD, second.reveal())).isEqualTo(second.reveal());
    }

    @Test
    void aVpsWithoutLoginShowsNone() {
        String text = sync(api, "/vpses").post(json(Fixtures.read("vps-container.json"))).readEntity(String.class);
        assertThat(Fixtures.tree(text).has("login")).as(text).isFalse();
        assertThat(Fixtures.tree(text).has("network")).as("no address is known yet: " + text).isFalse();
        assertThat(((ProvisionVpsCommand) vpses.changes.get(0).argument()).spec().login()).isEqualTo(Login.NONE);
    }

    @Test
    void theAddressIsServedOnceKnown() {
        Vps ready = vpses.ready(INSTANCE, CONTAINER_VPS, spec(Login.NONE), PowerState.RUNNING);
        vpses.add(new Vps(ready.id(), ready.instanceId(), ready.spec(), ready.lifecycle(), ready.state(),
                ready.createdAt(), ready.modifiedAt(), null, "10.88.0.7"));

        JsonNode got = Fixtures.tree(sync(api, "/vpses/" + CONTAINER_VPS).get(String.class));

        assertThat(got.get("network")).isEqualTo(Fixtures.tree("{\"ipv4\": \"10.88.0.7\"}"));
    }

    @Test
    void aConfigureWithoutLoginKeepsIt() {
        Login login = new Login(List.of(ED25519), PasswordHashing.hash(PASSWORD));
        vpses.ready(INSTANCE, CONTAINER_VPS, spec(login), PowerState.RUNNING);

        String text = sync(api, "/vpses/" + CONTAINER_VPS).put(json(Fixtures.read("vps-container.json"))).readEntity(String.class);

        assertThat(((ConfigureVpsCommand) vpses.changes.get(0).argument()).login()).isEqualTo(LoginChange.KEEP);
        assertThat(Fixtures.tree(text).get("login").get("sshKeys").get(0).textValue()).isEqualTo(ED25519);
    }

    @Test
    void aConfigureKeepsWhatItLeavesOutOfTheLogin() {
        Login login = new Login(List.of(ED25519), PasswordHashing.hash(PASSWORD));
        vpses.ready(INSTANCE, CONTAINER_VPS, spec(login), PowerState.RUNNING);

        sync(api, "/vpses/" + CONTAINER_VPS).put(json(withLogin(List.of(RSA), null))).close();
        sync(api, "/vpses/" + CONTAINER_VPS).put(json(withLogin(null, "another-one"))).close();

        LoginChange keys = ((ConfigureVpsCommand) vpses.changes.get(0).argument()).login();
        assertThat(keys.sshKeys()).containsExactly(RSA);
        assertThat(keys.passwordHash()).as("the password is kept").isNull();
        LoginChange password = ((ConfigureVpsCommand) vpses.changes.get(1).argument()).login();
        assertThat(password.sshKeys()).as("the keys are kept").isNull();
        assertThat(Crypt.crypt("another-one", password.passwordHash().reveal())).isEqualTo(password.passwordHash().reveal());
    }

    @Test
    void aConfigureDoneWithinItsRequestSaysHowItWentInApsInfo() {
        vpses.ready(INSTANCE, CONTAINER_VPS, spec(Login.NONE), PowerState.RUNNING);

        Response answer = sync(api, "/vpses/" + CONTAINER_VPS).put(json(Fixtures.read("vps-container.json")));

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeaderString("APS-Info")).isEqualTo("CONFIGURE done");
    }

    @Test
    void anEmptyKeyListRemovesTheKeys() {
        vpses.ready(INSTANCE, CONTAINER_VPS, spec(new Login(List.of(ED25519), null)), PowerState.RUNNING);

        sync(api, "/vpses/" + CONTAINER_VPS).put(json(withLogin(List.of(), null))).close();

        assertThat(((ConfigureVpsCommand) vpses.changes.get(0).argument()).login().sshKeys()).isEmpty();
    }

    static Stream<Arguments> invalidLogins() {
        String longKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w " + "c".repeat(4000);
        return Stream.of(
                invalid("an unknown key type", login -> login.putArray("sshKeys").add("ssh-dss AAAAB3NzaC1kc3MAAACBAP"),
                        "InvalidRequest", "login.sshKeys[0] must be an SSH public key"),
                invalid("a key without its Base64", login -> login.putArray("sshKeys").add(ED25519).add("ssh-ed25519"),
                        "InvalidRequest", "login.sshKeys[1] must be an SSH public key"),
                invalid("a key that is no Base64", login -> login.putArray("sshKeys").add("ssh-ed25519 not*base64 me"),
                        "InvalidRequest", "login.sshKeys[0] does not hold its key in valid Base64"),
                invalid("a key of another type than it says", login -> login.putArray("sshKeys").add("ssh-rsa " + ED25519.split(" ")[1]),
                        "InvalidRequest", "login.sshKeys[0] holds a key that is not of type ssh-rsa"),
                invalid("two keys on one line", login -> login.putArray("sshKeys").add(ED25519 + "\n" + RSA),
                        "InvalidRequest", "login.sshKeys[0] contains the control character U+000A"),
                invalid("a key too long", login -> login.putArray("sshKeys").add(longKey),
                        "InvalidRequest", "login.sshKeys[0] is longer than 4000 characters"),
                invalid("a null key", login -> login.putArray("sshKeys").addNull(),
                        "InvalidRequest", "login.sshKeys[0] must be an SSH public key"),
                invalid("a key as an object", login -> login.putArray("sshKeys").addObject().put("key", ED25519),
                        "InvalidJson", "login.sshKeys[0] must be a string"),
                invalid("keys as a string", login -> login.put("sshKeys", ED25519),
                        "InvalidJson", "login.sshKeys must be an array"),
                invalid("too many keys", login -> {
                    var keys = login.putArray("sshKeys");
                    for (int i = 0; i < 17; i++) {
                        keys.add(ED25519);
                    }
                }, "InvalidRequest", "login.sshKeys holds more than 16 keys"),
                invalid("a password as a number", login -> login.put("password", 12345678),
                        "InvalidJson", "login.password: must be a string"),
                invalid("a password as an object", login -> login.putObject("password").put("plain", PASSWORD),
                        "InvalidJson", "login.password: must be a string"),
                invalid("an empty password", login -> login.put("password", ""),
                        "InvalidJson", "login.password: must not be empty"),
                invalid("a password too long", login -> login.put("password", PASSWORD + "x".repeat(256)),
                        "InvalidJson", "login.password: is longer than 256 characters"),
                invalid("a password with a line break", login -> login.put("password", PASSWORD + "\n"),
                        "InvalidJson", "login.password: must not contain control characters"),
                invalid("login as a string", login -> { }, "InvalidJson", "login must be an object"));
    }

    private static Arguments invalid(String what, Consumer<ObjectNode> edit, String type, String message) {
        String body = Fixtures.edited("vps-container.json", vps -> {
            if (what.equals("login as a string")) {
                vps.put("login", PASSWORD);
            } else {
                edit.accept(vps.putObject("login"));
            }
        });
        return Arguments.of(what, body, type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLogins")
    void anInvalidLoginIs400AndChangesNothing(String what, String body, String type, String message) {
        Response provision = sync(api, "/vpses").post(json(body));
        assertThat(assertApsError(provision, 400, type)).contains(message).doesNotContain(PASSWORD);
        vpses.ready(INSTANCE, CONTAINER_VPS, spec(Login.NONE), PowerState.RUNNING);
        Response configure = sync(api, "/vpses/" + CONTAINER_VPS).put(json(body));
        assertThat(assertApsError(configure, 400, type)).contains(message).doesNotContain(PASSWORD);
        assertThat(vpses.changes).isEmpty();
    }

    @Test
    void aPasswordSentWithoutQuotesIsNotQuotedBack() {
        String body = Fixtures.read("vps-container.json").replaceFirst("\\{", "{\"login\": {\"password\": " + PASSWORD + "}, ");

        String message = assertApsError(sync(api, "/vpses").post(json(body)), 400, "MalformedJson");

        assertThat(message).doesNotContain(PASSWORD).doesNotContain("Correct").contains("Unrecognized token");
    }

    private static String withLogin(List<String> keys, String password) {
        return Fixtures.edited("vps-container.json", vps -> {
            ObjectNode login = vps.putObject("login");
            if (keys != null) {
                keys.forEach(login.putArray("sshKeys")::add);
            }
            if (password != null) {
                login.put("password", password);
            }
        });
    }

    private static VpsSpec spec(Login login) {
        return new VpsSpec("web-01", "shop front end", new Hardware(1, 10, 1, false), null, null, null, login);
    }
}
