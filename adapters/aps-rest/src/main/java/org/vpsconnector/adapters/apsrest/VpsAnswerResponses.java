package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.vpsconnector.application.port.in.VpsAnswer;

/** Turns the answer of a VPS use case into the HTTP answer the controller expects (protocol §5). */
final class VpsAnswerResponses {
    private static final int MAX_INFO_LENGTH = 1000;

    private VpsAnswerResponses() {
    }

    /**
     * Provision, configure, start, stop: done is 200 with the representation, and with
     * {@code APS-Info} when the work says how it went (a configure: whether the server restarted).
     */
    static Response of(VpsAnswer answer) {
        return respond(answer, () -> Response.ok(VpsJson.of(answer.vps()))
                .header(ApsHeaders.INFO, headerText(answer.info()))
                .build());
    }

    /** Unprovision: done is 204, there is nothing left to represent; so is an id there is no VPS of. */
    static Response ofUnprovision(VpsAnswer answer) {
        return answer.outcome() == VpsAnswer.Outcome.GONE
                ? Response.noContent().build()
                : respond(answer, () -> Response.noContent().build());
    }

    private static Response respond(VpsAnswer answer, Supplier<Response> done) {
        return switch (answer.outcome()) {
            case DONE -> done.get();
            case ACCEPTED -> Response.accepted(VpsJson.of(answer.vps()))
                    .header(ApsHeaders.RETRY_TIMEOUT, answer.retryTimeoutSeconds())
                    .header(ApsHeaders.INFO, headerText(answer.info()))
                    .build();
            case FAILED -> ApsError.response(500, ApsError.OPERATION_FAILED,
                    answer.info() == null ? "the operation failed" : answer.info());
            case GONE -> ApsError.response(404, ApsError.NOT_FOUND, answer.info() == null ? "no such VPS" : answer.info());
        };
    }

    // The info may quote a backend error: a header value cannot hold line breaks or characters
    // outside ISO-8859-1, and the controller only shows it as a task description.
    private static String headerText(String info) {
        if (info == null) {
            return null;
        }
        String text = info.replaceAll("[\\p{Cntrl}]+", " ").replaceAll("[^\\x20-\\xFF]", "?").strip();
        return text.length() <= MAX_INFO_LENGTH ? text : text.substring(0, MAX_INFO_LENGTH);
    }
}
