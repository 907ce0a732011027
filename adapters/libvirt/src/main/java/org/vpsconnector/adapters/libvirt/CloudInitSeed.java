package org.vpsconnector.adapters.libvirt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.domain.Login;

/**
 * The NoCloud seed of a guest: an ISO 9660 image labelled {@code cidata} with cloud-init's
 * {@code meta-data} and {@code user-data}, attached to the guest as a read-only disk. cloud-init
 * reads JSON as YAML, so both are written as JSON.
 *
 * <p>Root's login (authorised keys, password hash) is applied by one shell script: by cloud-init's
 * {@code bootcmd} at every boot, and through the guest agent while the guest runs. The script
 * records the digest of the login it applied in the guest and does nothing when that is the
 * login asked for: a customer's own later change of the password survives reboots, a login
 * changed by a configure while the guest was off reaches it at its next boot.
 */
final class CloudInitSeed {

    static final String LOGIN_DIGEST_FILE = "/var/lib/vps-connector/login";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BUILD_TIMEOUT_SECONDS = 30;

    private CloudInitSeed() {
    }

    /** Names the login without revealing it: stored in the domain's metadata and in the guest. */
    static String digest(Login login) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String key : login.sshKeys()) {
                sha256.update(key.strip().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
            sha256.update((byte) 0);
            if (login.hasPassword()) {
                sha256.update(login.passwordHash().reveal().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String metaData(UUID vpsId, String hostName) {
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put("instance-id", DomainXml.domainName(vpsId));
        metaData.put("local-hostname", hostName);
        return json(metaData);
    }

    static String userData(String hostName, Login login) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("hostname", hostName);
        config.put("preserve_hostname", false);
        config.put("manage_etc_hosts", true);
        // No default user: the customer logs in as root.
        config.put("users", List.of());
        config.put("disable_root", false);
        config.put("ssh_pwauth", login.hasPassword());
        config.put("bootcmd", List.of(List.of("sh", "-c", loginScript(login))));
        return "#cloud-config\n" + json(config) + "\n";
    }

    /**
     * Makes root's login the one given, unless the guest already applied it. Keys and hash travel
     * Base64-encoded: no quoting of customer text in the shell.
     */
    static String loginScript(Login login) {
        String digest = digest(login);
        StringBuilder keys = new StringBuilder();
        for (String key : login.sshKeys()) {
            keys.append(key.strip()).append('\n');
        }
        List<String> lines = new ArrayList<>();
        lines.add("set -e");
        lines.add("[ \"$(cat " + LOGIN_DIGEST_FILE + " 2>/dev/null)\" = " + digest + " ] && exit 0");
        lines.add("install -d -m 700 /root/.ssh");
        lines.add("echo " + base64(keys.toString()) + " | base64 -d >/root/.ssh/authorized_keys.new");
        lines.add("chmod 600 /root/.ssh/authorized_keys.new");
        lines.add("mv /root/.ssh/authorized_keys.new /root/.ssh/authorized_keys");
        if (login.hasPassword()) {
            lines.add("usermod -p \"$(echo " + base64(login.passwordHash().reveal()) + " | base64 -d)\" root");
        } else {
            lines.add("usermod -p '*' root");
        }
        lines.add("install -d -m 700 " + Path.of(LOGIN_DIGEST_FILE).getParent());
        lines.add("echo " + digest + " >" + LOGIN_DIGEST_FILE);
        return String.join("\n", lines) + "\n";
    }

    /** The ISO image of the seed, made with Debian's genisoimage; the connector uploads it through libvirt. */
    static byte[] iso(UUID vpsId, String hostName, Login login) {
        Path work = null;
        try {
            work = Files.createTempDirectory("vps-seed-");
            Files.writeString(work.resolve("meta-data"), metaData(vpsId, hostName));
            Files.writeString(work.resolve("user-data"), userData(hostName, login));
            Path iso = work.resolve("seed.iso");
            Process genisoimage = new ProcessBuilder("genisoimage", "-quiet", "-output", iso.toString(), "-volid", "cidata",
                    "-joliet", "-rock", work.resolve("user-data").toString(), work.resolve("meta-data").toString())
                    .redirectErrorStream(true).start();
            genisoimage.getOutputStream().close();
            String output = new String(genisoimage.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!genisoimage.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                genisoimage.destroyForcibly();
                throw BackendException.transientFailure("genisoimage did not build the seed of VPS " + vpsId
                        + " within " + BUILD_TIMEOUT_SECONDS + " s", null);
            }
            if (genisoimage.exitValue() != 0) {
                throw BackendException.permanentFailure("genisoimage failed to build the seed of VPS " + vpsId
                        + " (exit " + genisoimage.exitValue() + "): " + output.strip(), null);
            }
            return Files.readAllBytes(iso);
        } catch (IOException e) {
            throw BackendException.permanentFailure("cannot build the cloud-init seed of VPS " + vpsId
                    + " (is Debian's genisoimage installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure("interrupted while building the seed of VPS " + vpsId, e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // A temporary directory: the system cleans it up otherwise.
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
