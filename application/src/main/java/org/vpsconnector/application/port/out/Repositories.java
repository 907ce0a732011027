package org.vpsconnector.application.port.out;

/** The repositories bound to one transaction. */
public record Repositories(VpsRepository vpses, OperationRepository operations, TransitionLog transitions,
                           InstanceRepository instances, ContextRepository contexts,
                           ControllerUpdateRepository controllerUpdates,
                           UsageRepository usage, DrainRepository drains) {
}
