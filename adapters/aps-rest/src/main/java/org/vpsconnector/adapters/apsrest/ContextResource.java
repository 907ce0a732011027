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
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.application.port.in.ManageContextsUseCase;

/** The {@code contexts} service: customer subscriptions and the link notifications about them. */
@ApsEndpoint
@Path("/contexts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ContextResource {
    private static final String BODY = "the request body (the context representation)";
    /** The relations the context type declares. */
    private static final String RELATION = "{relation: cloud|subscription|account|vpses}";

    private final ManageContextsUseCase contexts;

    ContextResource(ManageContextsUseCase contexts) {
        this.contexts = contexts;
    }

    @POST
    public ContextJson provision(@Context HttpHeaders headers, ContextJson body) {
        ContextJson context = present(body, BODY);
        return ContextJson.of(contexts.save(context.toCommand(ApsRequestHeaders.of(headers).instanceId(), context.id())));
    }

    @GET
    @Path("{id}")
    public ContextJson get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return ContextJson.of(contexts.get(ApsRequestHeaders.of(headers).instanceId(), id));
    }

    @PUT
    @Path("{id}")
    public ContextJson configure(@PathParam("id") UUID id, @Context HttpHeaders headers, ContextJson body) {
        ContextJson context = present(body, BODY);
        return ContextJson.of(contexts.save(context.toCommand(ApsRequestHeaders.of(headers).instanceId(), context.idAt(id))));
    }

    @DELETE
    @Path("{id}")
    public void unprovision(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        contexts.remove(ApsRequestHeaders.of(headers).instanceId(), id);
    }

    @POST
    @Path("{id}/" + RELATION)
    public Map<String, Object> link(@PathParam("id") UUID id, @PathParam("relation") String relation,
                                    @Context HttpHeaders headers) {
        contexts.acknowledgeLinkChange(ApsRequestHeaders.of(headers).instanceId(), id, relation);
        return Map.of();
    }

    @DELETE
    @Path("{id}/" + RELATION + "/{linkedId}")
    public void unlink(@PathParam("id") UUID id, @PathParam("relation") String relation,
                       @Context HttpHeaders headers) {
        contexts.acknowledgeLinkChange(ApsRequestHeaders.of(headers).instanceId(), id, relation);
    }

    /** Any other operation or relation, whatever the method: the context type does not declare it. */
    @Path("{id}/{name}")
    public Object undeclared(@PathParam("name") String name) {
        throw Undeclared.name("context", name);
    }
}
