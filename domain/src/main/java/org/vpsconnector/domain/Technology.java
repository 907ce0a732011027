package org.vpsconnector.domain;

/** How a VPS is realised: a container sharing the host kernel, or a virtual machine with its own. */
public enum Technology {
    CONTAINER,
    VIRTUAL_MACHINE
}
