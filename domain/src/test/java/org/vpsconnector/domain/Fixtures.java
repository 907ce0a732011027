package org.vpsconnector.domain;

import java.time.Instant;
import java.util.UUID;

/** Shared values for the domain tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    static final UUID VPS_ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID INSTANCE_ID = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID CONTEXT_ID = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final UUID OTHER_CONTEXT_ID = UUID.fromString("00000000-0000-0000-0000-0000000000c2");

    static final Hardware CONTAINER_2_20_2 = new Hardware(2, 20, 2, false);
    static final Platform UBUNTU = new Platform("x86_64", "Ubuntu", "22.04");

    /** A fully described container VPS. */
    static final VpsSpec SPEC_A = new VpsSpec("web-1", "front end", CONTAINER_2_20_2, UBUNTU, CONTEXT_ID, null);
    /** SPEC_A with every optional property left out, as a poll body may carry it. */
    static final VpsSpec SPEC_A_SPARSE = new VpsSpec(null, null, CONTAINER_2_20_2, null, null, null);
    /** SPEC_A with more memory. */
    static final VpsSpec SPEC_B = new VpsSpec("web-1", "front end", new Hardware(4, 20, 2, false), UBUNTU, CONTEXT_ID, null);
    /** SPEC_A under another name. */
    static final VpsSpec SPEC_A_RENAMED = new VpsSpec("web-2", "front end", CONTAINER_2_20_2, UBUNTU, CONTEXT_ID, null);
    /** SPEC_A in another context. */
    static final VpsSpec SPEC_A_OTHER_CONTEXT = new VpsSpec("web-1", "front end", CONTAINER_2_20_2, UBUNTU, OTHER_CONTEXT_ID, null);
    /** SPEC_A on another OS version. */
    static final VpsSpec SPEC_A_OTHER_OS = new VpsSpec("web-1", "front end", CONTAINER_2_20_2,
            new Platform("x86_64", "Ubuntu", "24.04"), CONTEXT_ID, null);
    /** SPEC_A grown: more disk and CPUs (a legal reconfiguration). */
    static final VpsSpec SPEC_A_GROWN = new VpsSpec("web-1", "front end", new Hardware(2, 40, 4, false), UBUNTU, CONTEXT_ID, null);
    /** SPEC_A with a smaller disk (an illegal reconfiguration). */
    static final VpsSpec SPEC_A_SHRUNK = new VpsSpec("web-1", "front end", new Hardware(2, 10, 2, false), UBUNTU, CONTEXT_ID, null);
    /** SPEC_A as a virtual machine (an illegal reconfiguration). */
    static final VpsSpec SPEC_A_AS_VM = new VpsSpec("web-1", "front end", new Hardware(2, 20, 2, true), UBUNTU, CONTEXT_ID, null);

    private Fixtures() {
    }

    static Vps vps(Lifecycle lifecycle, PowerState state, VpsSpec spec) {
        return new Vps(VPS_ID, INSTANCE_ID, spec, lifecycle, state, T0, T0);
    }

    static Operation operation(OperationKind kind, OperationStatus status, VpsSpec target) {
        return new Operation(UUID.randomUUID(), VPS_ID, kind, status, kind.carriesSpec() ? target : null,
                0, T0, status == OperationStatus.FAILED ? "backend said no" : null, kind + " " + status, T0, T0, null);
    }
}
