package org.vpsconnector.domain;

/**
 * Whether an operation runs within the controller's request (a container: seconds) or in the
 * background while the controller polls (a virtual machine: its guest has to boot).
 */
public enum ExecutionMode {
    IN_REQUEST,
    IN_BACKGROUND;

    public static ExecutionMode of(Technology technology) {
        return technology == Technology.CONTAINER ? IN_REQUEST : IN_BACKGROUND;
    }
}
