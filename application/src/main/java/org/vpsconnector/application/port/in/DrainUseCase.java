package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.Optional;
import org.vpsconnector.application.port.out.Drain;

/**
 * An operator's drains: of the whole connector (no new VPS at all; work in flight finishes, reads
 * and polls go on) or of one host ({@code container:<name>}, {@code hypervisor:<name>}: no new VPS
 * placed there). Each answers the drains in force afterwards.
 */
public interface DrainUseCase {

    List<Drain> drain(Optional<String> host, String reason);

    List<Drain> undrain(Optional<String> host);

    List<Drain> drains();
}
