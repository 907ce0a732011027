package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Checks that an answer is an APS error (protocol §6) a person can read. */
final class ApsErrorAssert {
    private ApsErrorAssert() {
    }

    /** Returns the message, for checks of what it says. */
    static String assertApsError(Response response, int code, String type) {
        String text = response.readEntity(String.class);
        assertThat(response.getStatus()).as("status of %s", text).isEqualTo(code);
        assertThat(response.getMediaType()).isNotNull();
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).as(text).isTrue();
        JsonNode body = Fixtures.tree(text);
        assertThat(body.get("code").isInt()).as(text).isTrue();
        assertThat(body.get("code").intValue()).isEqualTo(code);
        assertThat(body.get("type").textValue()).isEqualTo(type);
        String message = body.get("message").textValue();
        assertThat(message).isNotBlank()
                .doesNotContain("Exception", "at [Source", "com.fasterxml", "org.vpsconnector", "\n");
        return message;
    }
}
