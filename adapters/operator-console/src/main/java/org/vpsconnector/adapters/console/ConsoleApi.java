package org.vpsconnector.adapters.console;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.callback.PendingControllerUpdates;
import org.vpsconnector.application.port.in.DrainUseCase;
import org.vpsconnector.application.port.in.FleetOverviewQuery;
import org.vpsconnector.application.port.in.HostOverview;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.application.port.in.VpsHistoryQuery;
import org.vpsconnector.application.port.in.VpsInventoryQuery;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

/**
 * What the console page reads and does, as JSON under {@code /console/api}: the VPSes, their
 * operations with histories, the hosts, the drains, the controller updates not yet delivered and
 * the recent failures; and the operator's actions on them. It serves the admin port only, behind
 * the operator's credentials; its actions answer the cross-site guard first ({@link CrossSiteGuard}).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApi {
    private static final int RECENT = 500;

    private final VpsInventoryQuery vpses;
    private final VpsHistoryQuery histories;
    private final FleetOverviewQuery fleet;
    private final DrainUseCase drains;
    private final ManageOperationsUseCase operations;
    private final PendingControllerUpdates updates;

    public ConsoleApi(VpsInventoryQuery vpses, VpsHistoryQuery histories, FleetOverviewQuery fleet, DrainUseCase drains,
                      ManageOperationsUseCase operations, PendingControllerUpdates updates) {
        this.vpses = vpses;
        this.histories = histories;
        this.fleet = fleet;
        this.drains = drains;
        this.operations = operations;
        this.updates = updates;
    }

    @GET
    @Path("vpses")
    public List<VpsSummary> vpses(@QueryParam("instance") String instance, @QueryParam("state") String state,
                                  @QueryParam("host") String host, @QueryParam("limit") @DefaultValue("200") int limit) {
        return vpses.list(present(instance).map(value -> uuid("instance", value)), present(state).map(ConsoleApi::powerState),
                present(host), limit).stream().map(VpsSummary::of).toList();
    }

    @GET
    @Path("vpses/{id}/operations")
    public List<OperationView> operationsOf(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit) {
        return histories.history(uuid("id", id), limit).stream().map(OperationView::of).toList();
    }

    @GET
    @Path("hosts")
    public List<HostOverview> hosts() {
        return fleet.hosts();
    }

    @GET
    @Path("drains")
    public List<Drain> drains() {
        return drains.drains();
    }

    @GET
    @Path("updates")
    public List<ControllerUpdateView> updates(@QueryParam("limit") @DefaultValue("50") int limit) {
        return updates.list(Math.min(Math.max(limit, 1), RECENT)).stream().map(ControllerUpdateView::of).toList();
    }

    /** The failed operations among the most recent ones, the newest first. */
    @GET
    @Path("failures")
    public List<OperationView> failures(@QueryParam("limit") @DefaultValue("20") int limit) {
        return operations.list(new OperationQuery(OperationStatus.FAILED, null, null, null, Math.min(Math.max(limit, 1), RECENT)))
                .stream().map(OperationView::of).toList();
    }

    @POST
    @Path("operations/{id}/retry")
    public OperationView retry(@PathParam("id") String id) {
        return OperationView.of(operations.retry(uuid("id", id)));
    }

    @POST
    @Path("operations/{id}/cancel")
    public OperationView cancel(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return OperationView.of(operations.cancel(new CancelOperationCommand(uuid("id", id),
                present(reason).orElse("cancelled in the operator console"))).operation());
    }

    @POST
    @Path("drain")
    public List<Drain> drain(@QueryParam("host") String host, @QueryParam("reason") String reason) {
        return drains.drain(present(host), reason);
    }

    @POST
    @Path("undrain")
    public List<Drain> undrain(@QueryParam("host") String host) {
        return drains.undrain(present(host));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            throw new InvalidRequestException(name + " must be a UUID");
        }
    }

    /** A state as the controller names it (Running) or as it is stored (RUNNING). */
    private static PowerState powerState(String value) {
        return Arrays.stream(PowerState.values())
                .filter(state -> state.apsName().equalsIgnoreCase(value) || state.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("state must be one of "
                        + String.join(", ", Arrays.stream(PowerState.values()).map(PowerState::apsName).toList())));
    }
}
