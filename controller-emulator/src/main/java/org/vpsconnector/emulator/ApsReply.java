package org.vpsconnector.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One answer of the connector, with the APS headers a 202 carries; the body is parsed when asked for. */
record ApsReply(int status, String retryTimeout, String info, String text, long nanos) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode body() {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    boolean isJson() {
        return !body().isMissingNode();
    }

    String state() {
        return body().path("state").asText();
    }

    String apsStatus() {
        return body().path("aps").path("status").asText();
    }

    /** Whether the body is an APS error (protocol §6): its code, a type and a message. */
    boolean isApsError() {
        JsonNode body = body();
        return body.path("code").asInt() == status && !body.path("type").asText().isBlank()
                && !body.path("message").asText().isBlank();
    }

    /** The advised wait before the next poll, in seconds; -1 when the header is missing or not a whole number. */
    int retryTimeoutSeconds() {
        if (retryTimeout == null || !retryTimeout.matches("[0-9]{1,6}")) {
            return -1;
        }
        return Integer.parseInt(retryTimeout);
    }

    String summary() {
        String shown = text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
        return status + (info == null ? "" : " [" + info + "]") + " " + shown;
    }
}
