package org.vpsconnector.domain;

/** The {@code hardware} property of a VPS: sizes in whole GB and cores, and the technology flag. */
public record Hardware(int memoryGb, int diskspaceGb, int cpuCount, boolean vm) {

    public Hardware {
        requirePositive("hardware.memory", memoryGb);
        requirePositive("hardware.diskspace", diskspaceGb);
        requirePositive("hardware.CPU.number", cpuCount);
    }

    public Technology technology() {
        return vm ? Technology.VIRTUAL_MACHINE : Technology.CONTAINER;
    }

    /** Whether a running server of this hardware can be reconfigured to {@code target}. */
    public void requireReconfigurableTo(Hardware target) {
        if (target.vm != vm) {
            throw new InvalidRequestException("hardware.VM cannot change on an existing VPS (" + vm + " -> " + target.vm + ")");
        }
        if (target.diskspaceGb < diskspaceGb) {
            throw new InvalidRequestException("hardware.diskspace cannot shrink (" + diskspaceGb + " GB -> " + target.diskspaceGb + " GB)");
        }
    }

    private static void requirePositive(String property, int value) {
        if (value <= 0) {
            throw new InvalidRequestException(property + " must be a positive number, got " + value);
        }
    }
}
