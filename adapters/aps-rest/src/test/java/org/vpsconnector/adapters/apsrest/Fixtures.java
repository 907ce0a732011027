package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/** The example requests of {@code /work/shared/fixtures/aps}, copied to the test resources, and their ids. */
final class Fixtures {
    static final UUID INSTANCE = UUID.fromString("0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10");
    static final UUID CONTEXT = UUID.fromString("5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f");
    static final UUID SUBSCRIPTION = UUID.fromString("a3c1e5f7-0b2d-4e6f-8a1c-3e5f7a9b1d3f");
    static final UUID ACCOUNT = UUID.fromString("c2e4a6b8-d0f2-4a4c-8e6a-0c2e4a6b8d0f");
    static final UUID CONTAINER_VPS = UUID.fromString("9b2f4d6a-8c0e-4a2c-9e4a-6c8e0a2c4e6a");
    static final UUID VM_VPS = UUID.fromString("1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d");
    static final UUID UNKNOWN = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/aps/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture after {@code edit}, e.g. {@code body -> ((ObjectNode) body.get("hardware")).put("memory", "lots")}. */
    static String edited(String name, Consumer<ObjectNode> edit) {
        ObjectNode body = (ObjectNode) tree(read(name));
        edit.accept(body);
        return body.toString();
    }

    static ObjectNode hardwareOf(ObjectNode body) {
        return (ObjectNode) body.get("hardware");
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
