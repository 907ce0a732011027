package org.vpsconnector.application.driver;

import java.util.UUID;

/**
 * An attempt no longer holds its operation's lease: it expired, the operation ended, or another
 * attempt took it over. The attempt stops where it is; it writes nothing and calls nothing more.
 */
final class LeaseLostException extends RuntimeException {
    LeaseLostException(UUID operationId) {
        super("the lease of operation " + operationId + " was lost", null, false, false);
    }
}
