package org.vpsconnector.emulator;

/** The two kinds of VPS a controller orders (protocol §1, {@code hardware.VM}). */
enum Technology {
    CONTAINER(false, "container"),
    VM(true, "vm");

    private final boolean vm;
    private final String label;

    Technology(boolean vm, String label) {
        this.vm = vm;
        this.label = label;
    }

    boolean vm() {
        return vm;
    }

    String label() {
        return label;
    }

    static Technology of(String label) {
        for (Technology technology : values()) {
            if (technology.label.equalsIgnoreCase(label.trim())) {
                return technology;
            }
        }
        throw new IllegalArgumentException("not a technology: " + label + " (container or vm)");
    }
}
