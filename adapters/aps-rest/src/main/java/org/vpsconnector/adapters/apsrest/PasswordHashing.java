package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.StoredText;

/**
 * Reads root's password and keeps only its SHA-512 crypt(3) hash ({@code $6$}, random salt), the
 * form {@code /etc/shadow}, cloud-init and {@code chpasswd -e} take. The plain text lives only
 * within this method: no record, log line or error message ever holds it.
 */
final class PasswordHashing extends StdDeserializer<Secret> {
    static final int MAX_LENGTH = 256;
    private static final String SALT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    PasswordHashing() {
        super(Secret.class);
    }

    @Override
    public Secret deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            // Skipped, so that a nested value's text is not read into an error.
            parser.skipChildren();
            throw JsonMappingException.from(parser, "must be a string");
        }
        String password = parser.getText();
        if (password.isEmpty()) {
            throw JsonMappingException.from(parser, "must not be empty");
        }
        if (password.length() > MAX_LENGTH) {
            throw JsonMappingException.from(parser, "is longer than " + MAX_LENGTH + " characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw JsonMappingException.from(parser, "must not contain control characters");
        }
        try {
            StoredText.line(password, "password", MAX_LENGTH);
        } catch (InvalidRequestException unpairedSurrogate) {
            throw JsonMappingException.from(parser, "is not valid Unicode text");
        }
        return hash(password);
    }

    static Secret hash(String password) {
        return Secret.of(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), "$6$" + salt()));
    }

    private static String salt() {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_ALPHABET.charAt(RANDOM.nextInt(SALT_ALPHABET.length())));
        }
        return salt.toString();
    }
}
