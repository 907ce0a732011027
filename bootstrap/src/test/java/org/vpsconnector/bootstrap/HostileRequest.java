package org.vpsconnector.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request: what it tries ({@code family}, {@code what}), how it is sent, and whether
 * the connector must refuse it. A refused request must leave everything as it was; one that may be
 * accepted (a repeat of what the controller already did, in another legal form) must too.
 */
record HostileRequest(String family, String what, String method, String path, List<Map.Entry<String, String>> headers,
                      byte[] body, boolean chunked, boolean mustBeRefused) {

    @Override
    public String toString() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1)
                + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
        return family + " / " + what + ": " + method + " " + abbreviated(path) + " " + headers.stream()
                .map(header -> header.getKey() + ": " + abbreviated(header.getValue())).toList()
                + (chunked ? " chunked " : " ") + shown;
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " characters)" : text;
    }
}
