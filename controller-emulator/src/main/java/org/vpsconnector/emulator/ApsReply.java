package org.vpsconnector.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One answer of the connector, with the APS headers a 202 carries. The body is parsed once, when first asked
 * for: a load run only counts statuses.
 */
final class ApsReply {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String retryTimeout;
    private final String info;
    private final String text;
    private final long nanos;
    private JsonNode body;

    ApsReply(int status, String retryTimeout, String info, String text, long nanos) {
        this.status = status;
        this.retryTimeout = retryTimeout;
        this.info = info;
        this.text = text;
        this.nanos = nanos;
    }

    int status() {
        return status;
    }

    String retryTimeout() {
        return retryTimeout;
    }

    String info() {
        return info;
    }

    String text() {
        return text;
    }

    long nanos() {
        return nanos;
    }

    JsonNode body() {
        if (body == null) {
            body = parsed(text);
        }
        return body;
    }

    private static JsonNode parsed(String text) {
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
