package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ConfigureVpsUseCase;
import org.vpsconnector.application.port.in.GetVpsQuery;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.ProvisionVpsUseCase;
import org.vpsconnector.application.port.in.StartVpsUseCase;
import org.vpsconnector.application.port.in.StopVpsUseCase;
import org.vpsconnector.application.port.in.SuspendVpsUseCase;
import org.vpsconnector.application.port.in.UnprovisionVpsUseCase;
import org.vpsconnector.application.port.in.VpsCommand;

/**
 * The {@code vpses} service: provision, retrieve, configure, unprovision, the custom operations
 * {@code start} and {@code stop}, {@code disable} and {@code enable} (the suspendable type), and the
 * link notifications of the {@code context} relation. Nothing else the type does not declare is served.
 */
@ApsEndpoint
@Path("/vpses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VpsResource {
    private static final String BODY = "the request body (the VPS representation)";

    private final ProvisionVpsUseCase provisioning;
    private final ConfigureVpsUseCase configuration;
    private final UnprovisionVpsUseCase unprovisioning;
    private final StartVpsUseCase starting;
    private final StopVpsUseCase stopping;
    private final SuspendVpsUseCase suspension;
    private final GetVpsQuery query;

    VpsResource(ProvisionVpsUseCase provisioning, ConfigureVpsUseCase configuration,
                UnprovisionVpsUseCase unprovisioning, StartVpsUseCase starting, StopVpsUseCase stopping,
                SuspendVpsUseCase suspension, GetVpsQuery query) {
        this.provisioning = provisioning;
        this.configuration = configuration;
        this.unprovisioning = unprovisioning;
        this.starting = starting;
        this.stopping = stopping;
        this.suspension = suspension;
        this.query = query;
    }

    /** Also the poll of an accepted provision: the controller repeats the POST with the same aps.id. */
    @POST
    public Response provision(@Context HttpHeaders headers, VpsJson body) {
        ApsRequestHeaders aps = ApsRequestHeaders.of(headers);
        VpsJson vps = present(body, BODY);
        return VpsAnswerResponses.of(provisioning.provision(
                new ProvisionVpsCommand(aps.instanceId(), vps.id(), aps.phase(), vps.toSpec(), aps.transactionId())));
    }

    @GET
    @Path("{id}")
    public VpsJson get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return VpsJson.of(query.retrieve(ApsRequestHeaders.of(headers).instanceId(), id));
    }

    @PUT
    @Path("{id}")
    public Response configure(@PathParam("id") UUID id, @Context HttpHeaders headers, VpsJson body) {
        ApsRequestHeaders aps = ApsRequestHeaders.of(headers);
        VpsJson vps = present(body, BODY);
        return VpsAnswerResponses.of(configuration.configure(
                new ConfigureVpsCommand(aps.instanceId(), vps.idAt(id), aps.phase(), vps.toSpec(), vps.loginChange(),
                        aps.transactionId())));
    }

    @DELETE
    @Path("{id}")
    public Response unprovision(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return VpsAnswerResponses.ofUnprovision(unprovisioning.unprovision(command(id, ApsRequestHeaders.of(headers))));
    }

    // Custom operations: the APS demo calls them with GET, other controllers with POST or PUT.

    @GET
    @Path("{id}/start")
    public Response startOnGet(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return start(id, ApsRequestHeaders.of(headers));
    }

    @POST
    @Path("{id}/start")
    public Response startOnPost(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return start(id, ApsRequestHeaders.of(headers));
    }

    @PUT
    @Path("{id}/start")
    public Response startOnPut(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return start(id, ApsRequestHeaders.of(headers));
    }

    @GET
    @Path("{id}/stop")
    public Response stopOnGet(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return stop(id, ApsRequestHeaders.of(headers));
    }

    @POST
    @Path("{id}/stop")
    public Response stopOnPost(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return stop(id, ApsRequestHeaders.of(headers));
    }

    @PUT
    @Path("{id}/stop")
    public Response stopOnPut(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return stop(id, ApsRequestHeaders.of(headers));
    }

    // The suspendable type's operations: the controller calls them with PUT only.

    @PUT
    @Path("{id}/disable")
    public Response disable(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return VpsAnswerResponses.of(suspension.disable(command(id, ApsRequestHeaders.of(headers))));
    }

    @PUT
    @Path("{id}/enable")
    public Response enable(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return VpsAnswerResponses.of(suspension.enable(command(id, ApsRequestHeaders.of(headers))));
    }

    /** A link notification of the context: nothing of ours depends on it, so it is acknowledged. */
    @POST
    @Path("{id}/context")
    public Map<String, Object> link(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        query.get(ApsRequestHeaders.of(headers).instanceId(), id);
        return Map.of();
    }

    @DELETE
    @Path("{id}/context/{linkedId}")
    public void unlink(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        query.get(ApsRequestHeaders.of(headers).instanceId(), id);
    }

    /** Any other operation or relation, whatever the method: the vps type does not declare it. */
    @Path("{id}/{name}")
    public Object undeclared(@PathParam("name") String name) {
        throw Undeclared.name("vps", name);
    }

    private Response start(UUID id, ApsRequestHeaders aps) {
        return VpsAnswerResponses.of(starting.start(command(id, aps)));
    }

    private Response stop(UUID id, ApsRequestHeaders aps) {
        return VpsAnswerResponses.of(stopping.stop(command(id, aps)));
    }

    private static VpsCommand command(UUID id, ApsRequestHeaders aps) {
        return new VpsCommand(aps.instanceId(), id, aps.phase(), aps.transactionId());
    }
}
