package org.vpsconnector.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The SSH public keys a customer authorises for root, each one line as in
 * {@code authorized_keys}: a key type OpenSSH accepts, the key as Base64, an optional comment.
 * The key's own bytes must name the same type, so a truncated or pasted-together key is refused
 * here rather than silently ignored by sshd.
 */
public final class SshKeys {
    /** Keys of one VPS, and the length of one key line: together within the column that keeps them. */
    public static final int MAX_KEYS = 16;
    public static final int MAX_LENGTH = 4000;

    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeys() {
    }

    /** The keys, each stripped of surrounding blanks; an {@link InvalidRequestException} naming the first bad one. */
    public static List<String> checked(List<String> keys, String property) {
        if (keys == null) {
            return null;
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidRequestException(property + " holds more than " + MAX_KEYS + " keys");
        }
        List<String> checked = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            checked.add(key(keys.get(i), property + "[" + i + "]"));
        }
        return List.copyOf(checked);
    }

    private static String key(String line, String property) {
        if (line == null) {
            throw new InvalidRequestException(property + " must be an SSH public key, not null");
        }
        String key = StoredText.line(line, property, MAX_LENGTH).strip();
        String[] parts = key.split(" +", 3);
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw new InvalidRequestException(property + " must be an SSH public key: one of " + String.join(", ",
                    TYPES.stream().sorted().toList()) + ", then the key in Base64 and an optional comment");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidRequestException(property + " does not hold its key in valid Base64");
        }
        if (!namesType(blob, parts[0])) {
            throw new InvalidRequestException(property + " holds a key that is not of type " + parts[0]);
        }
        return key;
    }

    private static boolean namesType(byte[] blob, String type) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        if (blob.length < 4 + name.length) {
            return false;
        }
        if (ByteBuffer.wrap(blob, 0, 4).getInt() != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (blob[4 + i] != name[i]) {
                return false;
            }
        }
        // A key is more than its type name.
        return blob.length > 4 + name.length;
    }
}
