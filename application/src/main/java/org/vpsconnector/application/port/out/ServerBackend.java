package org.vpsconnector.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * A place where VPS servers run. Every call is idempotent and keyed by the VPS id, so that an
 * operation replayed after a crash adopts what exists instead of creating a second server.
 * Failures are reported as {@link BackendException}.
 */
public interface ServerBackend {

    Technology technology();

    /** The operating systems this backend has an image of, the one used when none is asked for first. */
    List<OperatingSystem> operatingSystems();

    /** Creates the server, stopped; adopts an existing server of the same VPS. */
    void create(ServerSpec spec);

    /** Starts the server; a running server stays as it is. */
    void start(UUID vpsId);

    /** Stops the server; a stopped server stays as it is. */
    void stop(UUID vpsId);

    /**
     * Applies memory, CPU and disk sizes and the login to an existing server (restarting it where
     * the backend must); what the server already has changes nothing. Says whether it restarted.
     */
    Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login);

    /** Removes the server and everything allocated for it; a missing server is not an error. */
    void destroy(UUID vpsId);

    Optional<ServerStatus> inspect(UUID vpsId);

    /**
     * What the server of the VPS uses now: CPU time and network traffic since it last started,
     * memory and disk in use. A stopped server reads zero but for its disk; empty when there is no server.
     */
    Optional<UsageReading> measure(UUID vpsId);

    /** Every server of this connector on the backend, and nothing else. */
    List<ServerStatus> list();

    /** Throws a {@link BackendException} when the backend cannot be reached. */
    void ping();

    /**
     * Whether a new server would be made now, asked before a VPS is ordered. Answers without
     * failing: a backend it cannot reach takes the order and fails or retries its operation.
     */
    default Acceptance acceptance() {
        return Acceptance.UNRESERVED;
    }
}
