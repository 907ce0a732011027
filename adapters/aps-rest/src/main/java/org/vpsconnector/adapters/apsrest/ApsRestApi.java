package org.vpsconnector.adapters.apsrest;

import java.util.List;
import java.util.Objects;
import org.vpsconnector.application.port.in.AuthenticateControllerUseCase;
import org.vpsconnector.application.port.in.ConfigureVpsUseCase;
import org.vpsconnector.application.port.in.GetVpsQuery;
import org.vpsconnector.application.port.in.ManageContextsUseCase;
import org.vpsconnector.application.port.in.ManageInstancesUseCase;
import org.vpsconnector.application.port.in.ProvisionVpsUseCase;
import org.vpsconnector.application.port.in.StartVpsUseCase;
import org.vpsconnector.application.port.in.StopVpsUseCase;
import org.vpsconnector.application.port.in.SuspendVpsUseCase;
import org.vpsconnector.application.port.in.UnprovisionVpsUseCase;

/**
 * The APS REST API as JAX-RS components, ready to register:
 * <pre>{@code
 * ApsJson.configure(environment.getObjectMapper());
 * new ApsRestApi(...).components().forEach(environment.jersey()::register);
 * }</pre>
 * The error mappers answer every failure with an APS error body. Turn Dropwizard's default
 * exception mappers off ({@code server.registerDefaultExceptionMappers: false}): ours take
 * precedence for the types both claim, but its mappers of {@code IllegalStateException} and
 * others would still answer in Dropwizard's format.
 */
public final class ApsRestApi {
    private final ManageInstancesUseCase instances;
    private final ManageContextsUseCase contexts;
    private final ProvisionVpsUseCase provisioning;
    private final ConfigureVpsUseCase configuration;
    private final UnprovisionVpsUseCase unprovisioning;
    private final StartVpsUseCase starting;
    private final StopVpsUseCase stopping;
    private final SuspendVpsUseCase suspension;
    private final GetVpsQuery vpses;
    private final AuthenticateControllerUseCase authentication;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    /** The largest request body read unless {@link #limitBodiesTo(long)} says otherwise: 256 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    public ApsRestApi(ManageInstancesUseCase instances, ManageContextsUseCase contexts,
                      ProvisionVpsUseCase provisioning, ConfigureVpsUseCase configuration,
                      UnprovisionVpsUseCase unprovisioning, StartVpsUseCase starting, StopVpsUseCase stopping,
                      SuspendVpsUseCase suspension, GetVpsQuery vpses, AuthenticateControllerUseCase authentication) {
        this.instances = Objects.requireNonNull(instances, "instances");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.unprovisioning = Objects.requireNonNull(unprovisioning, "unprovisioning");
        this.starting = Objects.requireNonNull(starting, "starting");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.suspension = Objects.requireNonNull(suspension, "suspension");
        this.vpses = Objects.requireNonNull(vpses, "vpses");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    /** Bodies larger than {@code maxBytes} (after gzip is undone) are answered with 413 unread. */
    public ApsRestApi limitBodiesTo(long maxBytes) {
        this.maxBodyBytes = maxBytes;
        return this;
    }

    /** Resources, the header filter and the error mappers, as instances for {@code register(Object)}. */
    public List<Object> components() {
        return List.of(
                new CloudResource(instances),
                new ContextResource(contexts),
                new VpsResource(provisioning, configuration, unprovisioning, starting, stopping, suspension, vpses),
                new ApsHeadersFilter(),
                new ControllerCertificateFilter.Binding(authentication),
                new RequestBodyFilter.Binding(maxBodyBytes),
                new InvalidRequestExceptionMapper(),
                new NotFoundExceptionMapper(),
                new ForbiddenExceptionMapper(),
                new ConflictExceptionMapper(),
                new IllegalTransitionExceptionMapper(),
                new RepositoryUnavailableExceptionMapper(),
                new ServiceUnavailableExceptionMapper(),
                new JsonExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper());
    }
}
