package org.vpsconnector.adapters.libvirt;

import java.util.Set;
import java.util.UUID;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.BackendException;

/** Turns libvirt's errors into the port's: a lost daemon is worth retrying, a refusal is not. */
final class LibvirtFailures {

    private static final Set<ErrorNumber> CONNECTION_ERRORS = Set.of(ErrorNumber.VIR_ERR_NO_CONNECT,
            ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT);
    private static final Set<ErrorDomain> CONNECTION_DOMAINS = Set.of(ErrorDomain.VIR_FROM_RPC, ErrorDomain.VIR_FROM_REMOTE);

    private LibvirtFailures() {
    }

    static boolean is(LibvirtException e, ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }

    /** The connection to the daemon is gone (daemon stopped or restarted, socket closed): reconnect next time. */
    static boolean connectionLost(LibvirtException e) {
        return e.getError() == null
                || CONNECTION_ERRORS.contains(e.getError().getCode())
                || CONNECTION_DOMAINS.contains(e.getError().getDomain());
    }

    static BackendException unreachable(String uri, LibvirtException e) {
        return BackendException.transientFailure("libvirtd at " + uri + " cannot be reached: " + message(e), e);
    }

    static BackendException translate(String action, String uri, LibvirtException e) {
        if (connectionLost(e)) {
            return BackendException.transientFailure(
                    "lost the connection to libvirtd at " + uri + " while trying to " + action + ": " + message(e), e);
        }
        return BackendException.permanentFailure("libvirt refused to " + action + ": " + message(e), e);
    }

    static BackendException noServer(String action, UUID vpsId) {
        return BackendException.permanentFailure("cannot " + action + ": there is no virtual machine of VPS " + vpsId, null);
    }

    private static String message(LibvirtException e) {
        return e.getError() == null ? String.valueOf(e.getMessage()) : e.getError().getMessage();
    }
}
