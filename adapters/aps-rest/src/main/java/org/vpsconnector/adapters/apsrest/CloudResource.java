package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.application.port.in.ManageInstancesUseCase;

/** The {@code clouds} service: install, reconfiguration, upgrade and removal of the application instance. */
@ApsEndpoint
@Path("/clouds")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CloudResource {
    private static final String BODY = "the request body (the cloud representation)";

    private final ManageInstancesUseCase instances;

    CloudResource(ManageInstancesUseCase instances) {
        this.instances = instances;
    }

    @POST
    @InstanceInstall
    public CloudJson install(@Context HttpHeaders headers, @Context SecurityContext client, CloudJson body) {
        ApsRequestHeaders aps = ApsRequestHeaders.of(headers);
        CloudJson cloud = present(body, BODY);
        UUID id = addressed(aps, cloud.id());
        return CloudJson.of(instances.install(
                cloud.toCommand(id, aps.controllerUri(), ControllerPrincipal.certificateOf(client))));
    }

    @GET
    @Path("{id}")
    public CloudJson get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return CloudJson.of(instances.get(addressed(ApsRequestHeaders.of(headers), id)));
    }

    /** A re-install: the controller sends the instance again, possibly with new certificates. */
    @PUT
    @Path("{id}")
    @InstanceInstall
    public CloudJson configure(@PathParam("id") UUID id, @Context HttpHeaders headers,
                               @Context SecurityContext client, CloudJson body) {
        ApsRequestHeaders aps = ApsRequestHeaders.of(headers);
        CloudJson cloud = present(body, BODY);
        UUID addressed = addressed(aps, cloud.idAt(id));
        return CloudJson.of(instances.install(
                cloud.toCommand(addressed, aps.controllerUri(), ControllerPrincipal.certificateOf(client))));
    }

    @DELETE
    @Path("{id}")
    public void remove(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        instances.remove(addressed(ApsRequestHeaders.of(headers), id));
    }

    /** {@code version} is the version being upgraded from. */
    @POST
    @Path("{id}/upgrade")
    public CloudJson upgrade(@PathParam("id") UUID id, @QueryParam("version") String version,
                             @Context HttpHeaders headers) {
        return CloudJson.of(instances.upgrade(addressed(ApsRequestHeaders.of(headers), id), present(version, "the query parameter version")));
    }

    /** A link notification of the instance's contexts: each context is provisioned on its own, so it is acknowledged. */
    @POST
    @Path("{id}/contexts")
    public Map<String, Object> link(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        instances.get(addressed(ApsRequestHeaders.of(headers), id));
        return Map.of();
    }

    @DELETE
    @Path("{id}/contexts/{linkedId}")
    public void unlink(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        instances.get(addressed(ApsRequestHeaders.of(headers), id));
    }

    /** Any other operation or relation, whatever the method: the cloud type does not declare it. */
    @Path("{id}/{name}")
    public Object undeclared(@PathParam("name") String name) {
        throw Undeclared.name("cloud", name);
    }

    // Instance authentication (protocol §7) vouches for the instance in APS-Instance-ID only, so
    // a request must not reach another instance through the address or the body.
    private static UUID addressed(ApsRequestHeaders aps, UUID instanceId) {
        if (!aps.instanceId().equals(instanceId)) {
            throw new ForbiddenException(ApsHeaders.INSTANCE_ID + " " + aps.instanceId()
                    + " may not address the application instance " + instanceId);
        }
        return instanceId;
    }
}
