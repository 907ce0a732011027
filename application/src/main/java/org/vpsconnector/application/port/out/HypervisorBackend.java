package org.vpsconnector.application.port.out;

/** Runs virtual-machine VPSes (each with its own kernel); a guest is ready once it has booted. */
public interface HypervisorBackend extends ServerBackend {
}
