package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.InvalidRequestException;

/** An operator cancels an operation that is not finished, saying why; the reason goes into its transition log. */
public record CancelOperationCommand(UUID operationId, String reason) {
    public static final String DEFAULT_REASON = "no reason given";
    public static final int MAX_REASON_LENGTH = 500;

    public CancelOperationCommand {
        present(operationId, "the operation id");
        reason = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidRequestException("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("reason must not contain control characters");
        }
    }
}
