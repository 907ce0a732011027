package org.vpsconnector.bootstrap.backend;

import org.vpsconnector.application.fleet.HostCapacity;

/** What the configuration says of one host, whatever its backend: its name and what may be sold on it. */
public interface HostFactory {

    /** The host's name; null when the configuration gives none, as a single backend needs none. */
    String getName();

    HostCapacity capacity();
}
