package org.vpsconnector.application.port.out;

/** Runs container VPSes (sharing the host kernel). */
public interface ContainerBackend extends ServerBackend {
}
